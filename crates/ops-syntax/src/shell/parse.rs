//! The parser: tokens to [`Program`] (POSIX XCU 2.9 grammar, bash extensions).
//!
//! Recursive descent with the nesting depth bounded by [`Limits::max_nesting`]. It never
//! fails: a missing `fi` ends the `if` at the end of its list and is noted, a stray token at
//! the top level is noted and skipped.
//!
//! [`Limits::max_nesting`]: super::budget::Limits::max_nesting

use super::ast::SimpleCommand;
use super::ast::{AndOr, Command, Connector, ListItem, Pipeline, Program};
use super::budget::Tally;
use super::token::{Op, Token, TokenKind};
use super::word::{Word, WordPart};
pub use super::word::{assignment, assignment_text};

/// Reserved words that end a list (the caller decides whether it expected it).
const CLOSERS: &[&str] = &["fi", "done", "esac", "}", "then", "do", "else", "elif"];

pub(crate) struct Parser<'t> {
    pub toks: Vec<Token>,
    pub pos: usize,
    pub tally: &'t mut Tally,
    pub depth: usize,
}

/// Parses a token list; `depth` is the nesting depth of the text it came from.
pub(crate) fn parse(tokens: Vec<Token>, tally: &mut Tally, depth: usize) -> Program {
    let mut p = Parser {
        toks: tokens,
        pos: 0,
        tally,
        depth,
    };
    let mut program = p.list();
    while let Some(t) = p.toks.get(p.pos) {
        let what = token_text(&t.kind);
        let offset = t.start;
        p.tally.note(offset, format!("unexpected `{what}`"));
        p.pos += 1;
        program.items.extend(p.list().items);
    }
    program
}

fn token_text(kind: &TokenKind) -> String {
    match kind {
        TokenKind::Word(w) => w.plain().unwrap_or("word").to_string(),
        TokenKind::Op(op) => op.as_str().to_string(),
        TokenKind::IoNumber(n) => n.to_string(),
        TokenKind::HereDoc(_) => "<<".to_string(),
        TokenKind::Arith(_) => "((".to_string(),
        TokenKind::Newline => "newline".to_string(),
        TokenKind::Comment => "#".to_string(),
    }
}

impl Parser<'_> {
    pub fn kind(&self) -> Option<&TokenKind> {
        self.toks.get(self.pos).map(|t| &t.kind)
    }

    /// The current token's unquoted literal text when it is a plain word.
    pub fn plain(&self) -> Option<&str> {
        match self.kind() {
            Some(TokenKind::Word(w)) => w.plain(),
            _ => None,
        }
    }

    pub fn op(&self) -> Option<Op> {
        match self.kind() {
            Some(TokenKind::Op(op)) => Some(*op),
            _ => None,
        }
    }

    pub fn start(&self) -> usize {
        self.toks
            .get(self.pos)
            .or_else(|| self.toks.last())
            .map_or(0, |t| {
                if self.pos < self.toks.len() {
                    t.start
                } else {
                    t.end
                }
            })
    }

    /// End offset of the token before the current one.
    pub fn prev_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.toks.get(i))
            .map_or(0, |t| t.end)
    }

    pub fn take_word(&mut self) -> Word {
        let word = match self.toks.get_mut(self.pos).map(|t| &mut t.kind) {
            Some(TokenKind::Word(w)) => std::mem::take(w),
            _ => Word::default(),
        };
        self.pos += 1;
        word
    }

    pub fn skip_newlines(&mut self) {
        while matches!(self.kind(), Some(TokenKind::Newline | TokenKind::Comment)) {
            self.pos += 1;
        }
    }

    /// Consumes the reserved word `word`, or notes that it is missing.
    pub fn expect(&mut self, word: &str, opened_at: usize) -> bool {
        if self.plain() == Some(word) {
            self.pos += 1;
            true
        } else {
            self.tally.note(opened_at, format!("missing `{word}`"));
            false
        }
    }

    /// A list of and-or lists, up to the end of the tokens, a closing reserved word, `)`
    /// or a `case` arm terminator (not consumed).
    pub fn list(&mut self) -> Program {
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            let Some(and_or) = self.and_or() else { break };
            let background = match self.op() {
                Some(Op::Semi) => {
                    self.pos += 1;
                    false
                }
                Some(Op::Amp) => {
                    self.pos += 1;
                    true
                }
                _ => false,
            };
            items.push(ListItem { and_or, background });
        }
        Program { items }
    }

    fn and_or(&mut self) -> Option<AndOr> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let connector = match self.op() {
                Some(Op::AndIf) => Connector::And,
                Some(Op::OrIf) => Connector::Or,
                _ => break,
            };
            let at = self.start();
            self.pos += 1;
            self.skip_newlines();
            match self.pipeline() {
                Some(p) => rest.push((connector, p)),
                None => {
                    self.tally
                        .note(at, "a command is missing after `&&` or `||`");
                    break;
                }
            }
        }
        Some(AndOr { first, rest })
    }

    fn pipeline(&mut self) -> Option<Pipeline> {
        let start = self.start();
        let (mut negated, mut timed) = (false, false);
        loop {
            match self.plain() {
                Some("!") => negated = !negated,
                Some("time") => {
                    timed = true;
                    if self.toks.get(self.pos + 1).is_some_and(
                        |t| matches!(&t.kind, TokenKind::Word(w) if w.plain() == Some("-p")),
                    ) {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
            self.pos += 1;
        }
        let mut commands = Vec::new();
        let mut stderr_piped = Vec::new();
        match self.command() {
            Some(c) => commands.push(c),
            None if negated || timed => {}
            None => return None,
        }
        while let Some(op @ (Op::Pipe | Op::PipeAmp)) = self.op() {
            let at = self.start();
            self.pos += 1;
            self.skip_newlines();
            match self.command() {
                Some(c) => {
                    commands.push(c);
                    stderr_piped.push(op == Op::PipeAmp);
                }
                None => {
                    self.tally.note(at, "a command is missing after `|`");
                    break;
                }
            }
        }
        Some(Pipeline {
            negated,
            timed,
            commands,
            stderr_piped,
            start,
            end: self.prev_end(),
        })
    }

    /// One command, or `None` at a token that cannot start one.
    fn command(&mut self) -> Option<Command> {
        match self.kind()? {
            TokenKind::Word(w) => {
                if let Some(text) = w.plain() {
                    if CLOSERS.contains(&text) {
                        return None;
                    }
                    if matches!(
                        text,
                        "if" | "while" | "until" | "for" | "select" | "case" | "{" | "function"
                    ) {
                        return Some(self.compound());
                    }
                    if text == "[[" {
                        return Some(Command::Simple(self.double_bracket()));
                    }
                    let function = is_function_name(text)
                        && matches!(
                            self.toks.get(self.pos + 1).map(|t| &t.kind),
                            Some(TokenKind::Op(Op::LParen))
                        )
                        && matches!(
                            self.toks.get(self.pos + 2).map(|t| &t.kind),
                            Some(TokenKind::Op(Op::RParen))
                        );
                    if function {
                        return Some(self.compound());
                    }
                }
                Some(Command::Simple(self.simple()))
            }
            TokenKind::Op(Op::LParen) | TokenKind::Arith(_) => Some(self.compound()),
            TokenKind::Op(Op::Redirect(_)) | TokenKind::IoNumber(_) | TokenKind::HereDoc(_) => {
                Some(Command::Simple(self.simple()))
            }
            _ => None,
        }
    }

    /// A simple command: assignments, words and redirections.
    pub fn simple(&mut self) -> SimpleCommand {
        let start = self.start();
        let mut assignments = Vec::new();
        // Sized for the words ahead: grown from empty, a command of five words or more
        // was reallocated once or twice.
        let ahead = self.toks.get(self.pos..).unwrap_or_default();
        let words_ahead = ahead
            .iter()
            .take_while(|t| matches!(t.kind, TokenKind::Word(_)))
            .count();
        let mut words = Vec::with_capacity(words_ahead);
        let mut redirects = Vec::new();
        loop {
            match self.kind() {
                Some(TokenKind::Word(w)) => {
                    if words.is_empty()
                        && let Some(a) = assignment(w)
                    {
                        assignments.push(a);
                        self.pos += 1;
                    } else {
                        words.push(self.take_word());
                    }
                }
                Some(TokenKind::HereDoc(_)) => {
                    // A delimiter without its operator cannot happen; read it as a word.
                    self.pos += 1;
                }
                Some(TokenKind::IoNumber(_) | TokenKind::Op(Op::Redirect(_))) => {
                    redirects.push(self.redirect());
                }
                _ => break,
            }
        }
        SimpleCommand {
            assignments,
            words,
            redirects,
            start,
            end: self.prev_end().max(start),
        }
    }

    /// `[[ ... ]]`: a simple command whose words run from `[[` to `]]`; operators inside
    /// (`&&`, `<`, `(`) are words there.
    fn double_bracket(&mut self) -> SimpleCommand {
        let start = self.start();
        let mut words = Vec::new();
        loop {
            let Some(t) = self.toks.get(self.pos) else {
                self.tally.note(start, "missing `]]`");
                break;
            };
            let (s, e) = (t.start, t.end);
            let text = match &t.kind {
                TokenKind::Word(w) => {
                    let done = w.plain() == Some("]]");
                    words.push(self.take_word());
                    if done {
                        break;
                    }
                    continue;
                }
                TokenKind::Newline | TokenKind::Comment => {
                    self.pos += 1;
                    continue;
                }
                other => token_text(other),
            };
            self.pos += 1;
            words.push(Word {
                parts: smallvec::smallvec![WordPart::Literal(text)],
                start: s,
                end: e,
            });
        }
        SimpleCommand {
            assignments: Vec::new(),
            words,
            redirects: self.redirects(),
            start,
            end: self.prev_end(),
        }
    }
}

/// A function name: what bash accepts in `name() { }` (no quoting, no `$`, no `=`).
fn is_function_name(text: &str) -> bool {
    !text.is_empty() && !text.contains(['$', '=', '`', '\'', '"'])
}
