//! Compound commands and function definitions (POSIX XCU 2.9.4, 2.9.5; bash `function`,
//! `select`, `(( ))`, `for (( ))`).

use super::ast::{CaseArm, Command, Compound, CompoundCommand, FunctionDef, Program};
use super::budget::BudgetKind;
use super::parse::Parser;
use super::token::{Op, TokenKind};

impl Parser<'_> {
    /// A compound command or function definition at the current token, with the
    /// redirections after it. Past the nesting budget the whole construct is skipped.
    pub fn compound(&mut self) -> Command {
        let start = self.start();
        if self.depth + 1 > self.tally.limits.max_nesting {
            self.tally.exceeded(BudgetKind::Nesting, start);
            self.skip_construct();
            return Command::Opaque {
                start,
                end: self.prev_end().max(start),
            };
        }
        self.depth += 1;
        let command = self.compound_inner(start);
        self.depth -= 1;
        command
    }

    fn compound_inner(&mut self, start: usize) -> Command {
        let kind = match (self.kind(), self.plain()) {
            (Some(TokenKind::Arith(text)), _) => {
                let text = text.clone();
                self.pos += 1;
                Compound::Arith(text)
            }
            (Some(TokenKind::Op(Op::LParen)), _) => {
                self.pos += 1;
                let body = self.list();
                if self.op() == Some(Op::RParen) {
                    self.pos += 1;
                } else {
                    self.tally.note(start, "missing `)`");
                }
                Compound::Subshell(body)
            }
            (_, Some("{")) => {
                self.pos += 1;
                let body = self.list();
                self.expect("}", start);
                Compound::Brace(body)
            }
            (_, Some("if")) => self.if_clause(start),
            (_, Some(w @ ("while" | "until"))) => {
                let until = w == "until";
                self.pos += 1;
                let condition = self.list();
                let body = self.do_group(start);
                Compound::While {
                    until,
                    condition,
                    body,
                }
            }
            (_, Some(w @ ("for" | "select"))) => {
                let select = w == "select";
                self.for_clause(start, select)
            }
            (_, Some("case")) => self.case_clause(start),
            (_, Some("function")) => return self.function(start, true),
            _ => return self.function(start, false),
        };
        let redirects = self.redirects();
        Command::Compound(CompoundCommand {
            kind,
            redirects,
            start,
            end: self.prev_end(),
        })
    }

    fn if_clause(&mut self, start: usize) -> Compound {
        self.pos += 1;
        let mut branches = Vec::new();
        let mut else_body = None;
        loop {
            let condition = self.list();
            self.expect("then", start);
            let body = self.list();
            branches.push((condition, body));
            match self.plain() {
                Some("elif") => self.pos += 1,
                Some("else") => {
                    self.pos += 1;
                    else_body = Some(self.list());
                    self.expect("fi", start);
                    break;
                }
                _ => {
                    self.expect("fi", start);
                    break;
                }
            }
        }
        Compound::If {
            branches,
            else_body,
        }
    }

    /// `do list done` (or bash's `{ list; }` after `for`).
    fn do_group(&mut self, start: usize) -> Program {
        self.skip_separators();
        if self.plain() == Some("{") {
            self.pos += 1;
            let body = self.list();
            self.expect("}", start);
            return body;
        }
        self.expect("do", start);
        let body = self.list();
        self.expect("done", start);
        body
    }

    fn skip_separators(&mut self) {
        while matches!(
            self.kind(),
            Some(TokenKind::Newline | TokenKind::Comment | TokenKind::Op(Op::Semi))
        ) {
            self.pos += 1;
        }
    }

    fn for_clause(&mut self, start: usize, select: bool) -> Compound {
        self.pos += 1;
        if let Some(TokenKind::Arith(header)) = self.kind() {
            let header = header.clone();
            self.pos += 1;
            let body = self.do_group(start);
            return Compound::ArithFor { header, body };
        }
        let name = match self.kind() {
            Some(TokenKind::Word(_)) => {
                let w = self.take_word();
                w.plain().unwrap_or_default().to_string()
            }
            _ => {
                self.tally.note(start, "missing loop variable after `for`");
                String::new()
            }
        };
        self.skip_newlines();
        let mut words = None;
        if self.plain() == Some("in") {
            self.pos += 1;
            let mut list = Vec::new();
            while let Some(TokenKind::Word(_)) = self.kind() {
                list.push(self.take_word());
            }
            words = Some(list);
        }
        let body = self.do_group(start);
        Compound::For {
            name,
            words,
            body,
            select,
        }
    }

    fn case_clause(&mut self, start: usize) -> Compound {
        self.pos += 1;
        let word = match self.kind() {
            Some(TokenKind::Word(_)) => self.take_word(),
            _ => Default::default(),
        };
        self.skip_newlines();
        self.expect("in", start);
        let mut arms = Vec::new();
        loop {
            self.skip_newlines();
            match self.kind() {
                None => {
                    self.tally.note(start, "missing `esac`");
                    break;
                }
                Some(TokenKind::Word(w)) if w.plain() == Some("esac") => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            if self.op() == Some(Op::LParen) {
                self.pos += 1;
            }
            let mut patterns = Vec::new();
            while let Some(TokenKind::Word(_)) = self.kind() {
                patterns.push(self.take_word());
                if self.op() == Some(Op::Pipe) {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            if self.op() == Some(Op::RParen) {
                self.pos += 1;
            } else {
                // Not a pattern list: give up on this `case` rather than misread it.
                self.tally.note(self.start(), "malformed `case` pattern");
                self.skip_construct_until_esac();
                break;
            }
            let body = self.list();
            arms.push(CaseArm { patterns, body });
            if matches!(self.op(), Some(Op::DSemi | Op::SemiAnd | Op::DSemiAnd)) {
                self.pos += 1;
            }
        }
        Compound::Case { word, arms }
    }

    /// `name() body` or `function name [()] body`.
    fn function(&mut self, start: usize, keyword: bool) -> Command {
        if keyword {
            self.pos += 1;
        }
        let name = match self.kind() {
            Some(TokenKind::Word(_)) => self.take_word().plain().unwrap_or_default().to_string(),
            _ => String::new(),
        };
        if self.op() == Some(Op::LParen) {
            self.pos += 1;
            if self.op() == Some(Op::RParen) {
                self.pos += 1;
            }
        }
        self.skip_newlines();
        let body = match self.kind() {
            Some(TokenKind::Word(w))
                if matches!(
                    w.plain(),
                    Some("{" | "if" | "while" | "until" | "for" | "select" | "case")
                ) =>
            {
                self.compound()
            }
            Some(TokenKind::Op(Op::LParen) | TokenKind::Arith(_)) => self.compound(),
            _ => {
                self.tally
                    .note(start, format!("function `{name}` has no body"));
                Command::Opaque {
                    start: self.start(),
                    end: self.start(),
                }
            }
        };
        Command::Function(FunctionDef {
            name,
            body: Box::new(body),
            start,
            end: self.prev_end(),
        })
    }

    /// Skips the construct that starts at the current token, counting openers and closers,
    /// without recursion (used past the nesting budget).
    fn skip_construct(&mut self) {
        if let Some(TokenKind::Arith(_)) = self.kind() {
            self.pos += 1;
            return;
        }
        let mut depth = 0usize;
        while let Some(kind) = self.kind() {
            let delta: i32 = match kind {
                TokenKind::Op(Op::LParen) => 1,
                TokenKind::Op(Op::RParen) => -1,
                TokenKind::Word(w) => match w.plain() {
                    Some("if" | "case" | "{" | "do") => 1,
                    Some("fi" | "esac" | "}" | "done") => -1,
                    _ => 0,
                },
                _ => 0,
            };
            self.pos += 1;
            if delta > 0 {
                depth += 1;
            } else if delta < 0 {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
        }
    }

    fn skip_construct_until_esac(&mut self) {
        let mut depth = 1usize;
        while let Some(kind) = self.kind() {
            if let TokenKind::Word(w) = kind {
                match w.plain() {
                    Some("case") => depth += 1,
                    Some("esac") => {
                        depth -= 1;
                        if depth == 0 {
                            self.pos += 1;
                            return;
                        }
                    }
                    _ => {}
                }
            }
            self.pos += 1;
        }
    }
}
