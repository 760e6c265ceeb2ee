//! The shell lexer: text to [`Token`]s with byte offsets (POSIX XCU 2.3, bash operators).
//!
//! One pass, left to right; every byte is looked at a bounded number of times per nesting
//! level, so the time is linear in the input (nesting is bounded by [`Limits::max_nesting`]).
//! It never fails: an unterminated quote or substitution ends at the end of the text and is
//! noted, a missing here-document delimiter makes the body run to the end.
//!
//! [`Limits::max_nesting`]: super::budget::Limits::max_nesting

use super::ast::HereDoc;
use super::budget::{BudgetKind, Tally};
use super::token::{OPERATORS, Op, RedirOp, Token, TokenKind};
use super::word::{Word, WordPart};

/// Where a token list ends.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// At the end of the text.
    Eof,
    /// At the `)` that closes a `$(` or `<(`.
    Paren,
}

/// The tokens of one level, and where the level ended (local offset after it).
pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// A here-document whose body is read after the next newline.
struct Pending {
    /// Index of the delimiter word in the token list.
    token: usize,
    strip_tabs: bool,
}

/// Scans one text. `base` is the offset of `src` in the read text (sub-lexers of backticks
/// and here-document bodies read a slice or an unescaped copy).
pub(crate) struct Lexer<'a, 't> {
    pub src: &'a str,
    pub b: &'a [u8],
    pub base: usize,
    pub tally: &'t mut Tally,
    /// Nesting depth of this text (0 for the script).
    pub depth: usize,
}

/// Bytes that end an unquoted word (POSIX metacharacters).
pub(crate) fn is_meta(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>'
    )
}

impl<'a, 't> Lexer<'a, 't> {
    pub fn new(src: &'a str, base: usize, tally: &'t mut Tally, depth: usize) -> Lexer<'a, 't> {
        Lexer {
            src,
            b: src.as_bytes(),
            base,
            tally,
            depth,
        }
    }

    fn push(&mut self, tokens: &mut Vec<Token>, kind: TokenKind, start: usize, end: usize) {
        self.tally.tokens += 1;
        tokens.push(Token {
            kind,
            start: self.base + start,
            end: self.base + end,
        });
    }

    /// Lexes from local offset `i` until `stop`.
    pub fn tokens(&mut self, mut i: usize, stop: Stop) -> Lexed {
        let b = self.b;
        let len = b.len();
        // About a token every six bytes, up to a line's worth: a one-line recipe or code
        // span is read without growing the vector (twice, from empty); longer texts grow.
        let mut tokens = Vec::with_capacity((len.saturating_sub(i) / 6 + 2).min(64));
        let mut pending: Vec<Pending> = Vec::new();
        let open = i.saturating_sub(2);
        let mut parens = 0usize;
        let mut cases = 0usize;
        loop {
            if self.tally.tokens >= self.tally.limits.max_tokens {
                self.tally.exceeded(BudgetKind::Tokens, self.base + i);
                return Lexed { tokens, end: len };
            }
            while i < len {
                match b[i] {
                    b' ' | b'\t' | b'\r' => i += 1,
                    b'\\' if b.get(i + 1) == Some(&b'\n') => i += 2,
                    _ => break,
                }
            }
            if i >= len {
                if stop == Stop::Paren {
                    self.tally
                        .note(self.base + open, "unterminated `$(` or `<(`");
                }
                for p in &pending {
                    self.unterminated_heredoc(&tokens, p);
                }
                return Lexed { tokens, end: len };
            }
            let c = b[i];
            match c {
                b'\n' => {
                    self.push(&mut tokens, TokenKind::Newline, i, i + 1);
                    i += 1;
                    for p in std::mem::take(&mut pending) {
                        i = self.heredoc_body(&mut tokens, &p, i);
                    }
                }
                b'#' => {
                    let end = self.src[i..].find('\n').map_or(len, |n| i + n);
                    self.push(&mut tokens, TokenKind::Comment, i, end);
                    i = end;
                }
                b')' if stop == Stop::Paren && parens == 0 && cases == 0 => {
                    for p in &pending {
                        self.unterminated_heredoc(&tokens, p);
                    }
                    return Lexed { tokens, end: i + 1 };
                }
                b'(' if b.get(i + 1) == Some(&b'(') && command_position(&tokens) => {
                    match arith_end(b, i + 2) {
                        Some(end) => {
                            let text = self.src[i + 2..end - 2].to_string();
                            self.push(&mut tokens, TokenKind::Arith(text), i, end);
                            i = end;
                        }
                        None => i = self.operator(&mut tokens, &mut pending, i, &mut parens),
                    }
                }
                b'<' | b'>' if b.get(i + 1) == Some(&b'(') => i = self.word_token(&mut tokens, i),
                c if is_meta(c) => i = self.operator(&mut tokens, &mut pending, i, &mut parens),
                c if c.is_ascii_digit() => {
                    let j = i + b[i..].iter().take_while(|d| d.is_ascii_digit()).count();
                    if matches!(b.get(j), Some(b'<' | b'>')) {
                        let fd = self.src[i..j].parse::<u32>().unwrap_or(u32::MAX);
                        self.push(&mut tokens, TokenKind::IoNumber(fd), i, j);
                        i = j;
                    } else {
                        i = self.word_token(&mut tokens, i);
                    }
                }
                _ => {
                    let at_command = command_position(&tokens);
                    i = self.word_token(&mut tokens, i);
                    if stop == Stop::Paren
                        && at_command
                        && let Some(Token {
                            kind: TokenKind::Word(w),
                            ..
                        }) = tokens.last()
                    {
                        match w.plain() {
                            Some("case") => cases += 1,
                            Some("esac") => cases = cases.saturating_sub(1),
                            _ => {}
                        }
                    }
                }
            }
        }
    }

    fn word_token(&mut self, tokens: &mut Vec<Token>, i: usize) -> usize {
        let (word, end) = self.word(i);
        let end = end.max(i + 1).min(self.b.len());
        self.push(tokens, TokenKind::Word(word), i, end);
        end
    }

    /// Lexes the operator at `i` (and a here-document delimiter after `<<`).
    fn operator(
        &mut self,
        tokens: &mut Vec<Token>,
        pending: &mut Vec<Pending>,
        i: usize,
        parens: &mut usize,
    ) -> usize {
        let rest = &self.src[i..];
        let (text, op) = OPERATORS
            .iter()
            .find(|(text, _)| rest.starts_with(text))
            .copied()
            .unwrap_or((";", Op::Semi));
        let mut end = i + text.len();
        match op {
            Op::LParen => *parens += 1,
            Op::RParen => *parens = parens.saturating_sub(1),
            _ => {}
        }
        self.push(tokens, TokenKind::Op(op), i, end);
        if let Op::Redirect(r @ (RedirOp::HereDoc | RedirOp::HereDocStrip)) = op {
            while matches!(self.b.get(end), Some(b' ' | b'\t')) {
                end += 1;
            }
            if self.b.get(end).is_some_and(|c| !is_meta(*c)) {
                end = self.word_token(tokens, end);
                pending.push(Pending {
                    token: tokens.len() - 1,
                    strip_tabs: r == RedirOp::HereDocStrip,
                });
            }
        }
        end
    }

    fn unterminated_heredoc(&mut self, tokens: &[Token], p: &Pending) {
        if let Some(t) = tokens.get(p.token) {
            self.tally.note(
                t.start,
                "here-document without a body (no newline after it)",
            );
        }
    }

    /// Reads the body of a pending here-document from local offset `i` (the start of the
    /// line after its operator) and puts it in place of the delimiter word.
    fn heredoc_body(&mut self, tokens: &mut [Token], p: &Pending, i: usize) -> usize {
        let Some(token) = tokens.get_mut(p.token) else {
            return i;
        };
        let TokenKind::Word(delimiter) = std::mem::replace(&mut token.kind, TokenKind::Newline)
        else {
            return i;
        };
        let raw = self
            .src
            .get(delimiter.start.saturating_sub(self.base)..delimiter.end.saturating_sub(self.base))
            .unwrap_or("");
        let quoted = raw.contains(['\'', '"', '\\']);
        let delimiter_text = delimiter.literal().unwrap_or_else(|| raw.to_string());
        let (len, src) = (self.b.len(), self.src);
        let (mut j, mut body_end, mut terminated) = (i, len, false);
        while j < len {
            let line_end = src[j..].find('\n').map_or(len, |n| j + n);
            let line = &src[j..line_end];
            let line = if p.strip_tabs {
                line.trim_start_matches('\t')
            } else {
                line
            };
            if line.strip_suffix('\r').unwrap_or(line) == delimiter_text {
                body_end = j;
                terminated = true;
                j = (line_end + 1).min(len);
                break;
            }
            j = (line_end + 1).min(len);
        }
        if !terminated {
            self.tally.note(
                delimiter.start,
                format!("here-document `{delimiter_text}` not closed"),
            );
        }
        let body_text = &src[i..body_end];
        let stripped: String;
        let text = if p.strip_tabs {
            stripped = body_text
                .split_inclusive('\n')
                .map(|l| l.trim_start_matches('\t'))
                .collect();
            stripped.as_str()
        } else {
            body_text
        };
        let (start, end) = (self.base + i, self.base + body_end);
        let body = if quoted {
            Word {
                parts: smallvec::smallvec![WordPart::Literal(text.to_string())],
                start,
                end,
            }
        } else {
            let mut sub = Lexer::new(text, start, self.tally, self.depth);
            let (parts, _) = sub.parts(0, super::scan::Mode::HereDoc);
            Word { parts, start, end }
        };
        token.kind = TokenKind::HereDoc(Box::new(HereDoc {
            delimiter,
            delimiter_text,
            quoted,
            strip_tabs: p.strip_tabs,
            body,
            body_start: start,
            body_end: end,
            terminated,
        }));
        j
    }
}

/// True when the next word would be in command position: after nothing, a newline, a
/// control operator or a reserved word that starts a list.
pub(crate) fn command_position(tokens: &[Token]) -> bool {
    match tokens.iter().rev().find(|t| t.kind != TokenKind::Comment) {
        None => true,
        Some(t) => match &t.kind {
            TokenKind::Newline => true,
            TokenKind::Op(op) => !matches!(op, Op::Redirect(_) | Op::RParen),
            TokenKind::Word(w) => matches!(
                w.plain(),
                Some(
                    "then"
                        | "do"
                        | "else"
                        | "elif"
                        | "if"
                        | "while"
                        | "until"
                        | "{"
                        | "!"
                        | "time"
                        | "for"
                )
            ),
            _ => false,
        },
    }
}

/// After `((` at local offset `i`: the offset after the matching `))`, or `None` when the
/// parentheses do not close as an arithmetic expression (`((a) | b)` is two subshells).
pub(crate) fn arith_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'(' => depth += 1,
            b')' if depth > 0 => depth -= 1,
            b')' => return (b.get(i + 1) == Some(&b')')).then_some(i + 2),
            b'\\' => i += 1,
            b'\'' => i += b[i + 1..].iter().position(|c| *c == b'\'')? + 1,
            _ => {}
        }
        i += 1;
    }
    None
}

/// After an opening byte at `i - 1`: the offset after its matching `close`, counting
/// nested `open`s and skipping quotes. Used to skip text past a budget without recursion.
pub(crate) fn skip_balanced(b: &[u8], mut i: usize, open: u8, close: u8) -> usize {
    let mut depth = 1usize;
    while i < b.len() {
        match b[i] {
            c if c == open => depth += 1,
            c if c == close => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'\\' => i += 1,
            b'\'' => match b[i + 1..].iter().position(|c| *c == b'\'') {
                Some(n) => i += n + 1,
                None => return b.len(),
            },
            _ => {}
        }
        i += 1;
    }
    b.len()
}
