//! Scanning one word: quoting (POSIX XCU 2.2, bash `$'...'`), parameter expansion (2.6.2),
//! command substitution (2.6.3), arithmetic expansion (2.6.4), process substitution (bash).

use super::ansi_c::ansi_c;
use super::budget::BudgetKind;
use super::lexer::{Lexer, Stop, arith_end, is_meta, skip_balanced};
use super::parse;
use super::word::{Param, ParamOp, Subst, Word, WordPart, WordParts};

/// What ends the text being scanned and which bytes are special in it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// An unquoted word: ends at a metacharacter.
    Normal,
    /// Inside `"..."`: ends at `"`.
    Double,
    /// The operand of `${name op ...}`: ends at `}`.
    Brace,
    /// A here-document body: only `$`, `` ` `` and `\` are special; ends at the end.
    HereDoc,
}

fn special(mode: Mode, c: u8) -> bool {
    match mode {
        Mode::Normal => is_meta(c) || matches!(c, b'\\' | b'\'' | b'"' | b'`' | b'$' | b'('),
        Mode::Double => matches!(c, b'"' | b'\\' | b'`' | b'$'),
        Mode::Brace => matches!(c, b'}' | b'\\' | b'\'' | b'"' | b'`' | b'$'),
        Mode::HereDoc => matches!(c, b'\\' | b'`' | b'$'),
    }
}

/// Appends literal text, merging with a literal part before it.
fn push_literal(parts: &mut WordParts, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(WordPart::Literal(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(WordPart::Literal(text.to_string()));
    }
}

impl Lexer<'_, '_> {
    /// Scans an unquoted word from local offset `i`; returns it and the local end.
    pub fn word(&mut self, i: usize) -> (Word, usize) {
        let (parts, end) = self.parts(i, Mode::Normal);
        let word = Word {
            parts,
            start: self.base + i,
            end: self.base + end,
        };
        (word, end)
    }

    /// Scans parts from `i` until the end of `mode`; returns them and the local offset of
    /// the byte that ended them (not consumed).
    pub fn parts(&mut self, mut i: usize, mode: Mode) -> (WordParts, usize) {
        let (b, src) = (self.b, self.src);
        let start = i;
        let mut parts = WordParts::new();
        while i < b.len() {
            let c = b[i];
            match c {
                b'"' if mode == Mode::Double => break,
                b'}' if mode == Mode::Brace => break,
                b'<' | b'>'
                    if mode == Mode::Normal && i == start && b.get(i + 1) == Some(&b'(') =>
                {
                    let (program, end) = self.substitution(i + 2);
                    parts.push(WordPart::ProcessSubst(Box::new(Subst {
                        program,
                        backtick: false,
                        start: self.base + i,
                        end: self.base + end,
                    })));
                    i = end;
                }
                b'(' if mode == Mode::Normal => {
                    // `NAME=(a b)` arrays and `@(a|b)` extended globs keep their parentheses.
                    let array =
                        matches!(parts.as_slice(), [WordPart::Literal(t)] if t.ends_with('='));
                    let glob = i > start && matches!(b[i - 1], b'@' | b'!' | b'+' | b'*' | b'?');
                    if !(array || glob) {
                        break;
                    }
                    let end = skip_balanced(b, i + 1, b'(', b')');
                    push_literal(&mut parts, &src[i..end]);
                    i = end;
                }
                c if mode == Mode::Normal && is_meta(c) => break,
                b'\\' => {
                    i = self.backslash(&mut parts, i, mode);
                }
                b'\'' if matches!(mode, Mode::Normal | Mode::Brace) => {
                    let end = match src[i + 1..].find('\'') {
                        Some(n) => i + 1 + n,
                        None => {
                            self.tally.note(self.base + i, "unterminated single quote");
                            b.len()
                        }
                    };
                    parts.push(WordPart::SingleQuoted(src[i + 1..end].to_string()));
                    i = (end + 1).min(b.len());
                }
                b'"' if mode != Mode::HereDoc => {
                    let (inner, end) = self.parts(i + 1, Mode::Double);
                    if end >= b.len() {
                        self.tally.note(self.base + i, "unterminated double quote");
                    }
                    parts.push(WordPart::DoubleQuoted(inner.into_vec()));
                    i = (end + 1).min(b.len());
                }
                b'`' => i = self.backtick(&mut parts, i),
                b'$' => match self.dollar(i, mode) {
                    Some((part, end)) => {
                        parts.push(part);
                        i = end;
                    }
                    None => {
                        push_literal(&mut parts, "$");
                        i += 1;
                    }
                },
                _ => {
                    let run = b[i..].iter().take_while(|c| !special(mode, **c)).count();
                    let end = i + run.max(1);
                    // Multi-byte characters never contain special (ASCII) bytes, so `end`
                    // is a character boundary unless `run` was forced to 1.
                    let end = (end..=b.len())
                        .find(|e| src.is_char_boundary(*e))
                        .unwrap_or(b.len());
                    push_literal(&mut parts, &src[i..end]);
                    i = end;
                }
            }
        }
        (parts, i)
    }

    /// A backslash at `i`: an escaped character, a line continuation, or a literal `\`.
    fn backslash(&mut self, parts: &mut WordParts, i: usize, mode: Mode) -> usize {
        let Some(next) = self.src[i + 1..].chars().next() else {
            push_literal(parts, "\\");
            return i + 1;
        };
        if next == '\n' {
            return i + 2;
        }
        let escapes = match mode {
            Mode::Normal | Mode::Brace => true,
            Mode::Double => matches!(next, '$' | '`' | '"' | '\\'),
            Mode::HereDoc => matches!(next, '$' | '`' | '\\'),
        };
        if !escapes {
            push_literal(parts, "\\");
            return i + 1;
        }
        let mut buf = [0u8; 4];
        push_literal(parts, next.encode_utf8(&mut buf));
        i + 1 + next.len_utf8()
    }

    /// `` `...` ``: the text is unescaped (`\\`, `` \` ``, `\$`) and read as commands.
    fn backtick(&mut self, parts: &mut WordParts, i: usize) -> usize {
        let b = self.b;
        let mut j = i + 1;
        let mut inner = String::new();
        let mut from = j;
        while j < b.len() && b[j] != b'`' {
            if b[j] == b'\\' && matches!(b.get(j + 1), Some(b'\\' | b'`' | b'$')) {
                inner.push_str(&self.src[from..j]);
                from = j + 1;
                j += 2;
            } else {
                j += 1;
            }
        }
        inner.push_str(&self.src[from..j.min(b.len())]);
        if j >= b.len() {
            self.tally.note(self.base + i, "unterminated backquote");
        }
        let end = (j + 1).min(b.len());
        let (start_abs, end_abs) = (self.base + i, self.base + end);
        if self.depth + 1 > self.tally.limits.max_nesting {
            self.tally.exceeded(BudgetKind::Nesting, start_abs);
            parts.push(WordPart::Opaque {
                start: start_abs,
                end: end_abs,
            });
            return end;
        }
        let tokens = Lexer::new(&inner, self.base + i + 1, self.tally, self.depth + 1)
            .tokens(0, Stop::Eof)
            .tokens;
        let program = parse::parse(tokens, self.tally, self.depth + 1);
        parts.push(WordPart::CommandSubst(Box::new(Subst {
            program,
            backtick: true,
            start: start_abs,
            end: end_abs,
        })));
        end
    }

    /// The commands of `$(` or `<(` whose text starts at `i`; returns them and the local
    /// offset after the closing `)`.
    fn substitution(&mut self, i: usize) -> (super::ast::Program, usize) {
        if self.depth + 1 > self.tally.limits.max_nesting {
            self.tally.exceeded(BudgetKind::Nesting, self.base + i);
            let end = skip_balanced(self.b, i, b'(', b')');
            return (super::ast::Program::default(), end);
        }
        let lexed =
            Lexer::new(self.src, self.base, self.tally, self.depth + 1).tokens(i, Stop::Paren);
        let program = parse::parse(lexed.tokens, self.tally, self.depth + 1);
        (program, lexed.end)
    }

    /// An expansion starting with the `$` at `i`, or `None` when the `$` is literal.
    fn dollar(&mut self, i: usize, mode: Mode) -> Option<(WordPart, usize)> {
        let (b, src) = (self.b, self.src);
        let next = *b.get(i + 1)?;
        let quoting = matches!(mode, Mode::Normal | Mode::Brace);
        match next {
            b'\'' if quoting => {
                let (text, end) = ansi_c(src, i + 2);
                if end > b.len() {
                    self.tally.note(self.base + i, "unterminated `$'` quote");
                }
                Some((WordPart::AnsiC(text), end.min(b.len())))
            }
            b'"' if quoting => {
                let (inner, end) = self.parts(i + 2, Mode::Double);
                let end = (end + 1).min(b.len());
                Some((WordPart::DoubleQuoted(inner.into_vec()), end))
            }
            b'(' => {
                if b.get(i + 2) == Some(&b'(')
                    && let Some(end) = arith_end(b, i + 3)
                {
                    return Some((WordPart::Arith(src[i + 3..end - 2].to_string()), end));
                }
                if self.depth + 1 > self.tally.limits.max_nesting {
                    self.tally.exceeded(BudgetKind::Nesting, self.base + i);
                    let end = skip_balanced(b, i + 2, b'(', b')');
                    return Some((self.opaque(i, end), end));
                }
                let (program, end) = self.substitution(i + 2);
                let subst = Subst {
                    program,
                    backtick: false,
                    start: self.base + i,
                    end: self.base + end,
                };
                Some((WordPart::CommandSubst(Box::new(subst)), end))
            }
            b'{' => Some(self.braced(i)),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let len = b[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .count();
                let end = i + 1 + len;
                Some((self.param(&src[i + 1..end], i, end), end))
            }
            c if c.is_ascii_digit() || b"@*#?$!-".contains(&c) => {
                Some((self.param(&src[i + 1..i + 2], i, i + 2), i + 2))
            }
            _ => None,
        }
    }

    fn opaque(&self, i: usize, end: usize) -> WordPart {
        WordPart::Opaque {
            start: self.base + i,
            end: self.base + end,
        }
    }

    fn param(&self, name: &str, start: usize, end: usize) -> WordPart {
        WordPart::Param(Box::new(Param {
            name: name.to_string(),
            index: None,
            length: false,
            indirect: false,
            op: None,
            operand: None,
            braced: false,
            start: self.base + start,
            end: self.base + end,
        }))
    }

    /// `${...}` at `i`.
    fn braced(&mut self, i: usize) -> (WordPart, usize) {
        let (b, src) = (self.b, self.src);
        if self.depth + 1 > self.tally.limits.max_nesting {
            self.tally.exceeded(BudgetKind::Nesting, self.base + i);
            let end = skip_balanced(b, i + 2, b'{', b'}');
            return (self.opaque(i, end), end);
        }
        let mut j = i + 2;
        let name_start_at = |k: usize| {
            b.get(k)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || b"@*#?$!-".contains(c))
        };
        let mut p = Param {
            name: String::new(),
            index: None,
            length: false,
            indirect: false,
            op: None,
            operand: None,
            braced: true,
            start: self.base + i,
            end: self.base + i,
        };
        if b.get(j) == Some(&b'#') && b.get(j + 1) != Some(&b'}') && name_start_at(j + 1) {
            p.length = true;
            j += 1;
        } else if b.get(j) == Some(&b'!') && b.get(j + 1) != Some(&b'}') && name_start_at(j + 1) {
            p.indirect = true;
            j += 1;
        }
        let name_len = match b.get(j) {
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => b[j..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count(),
            Some(c) if c.is_ascii_digit() => {
                b[j..].iter().take_while(|c| c.is_ascii_digit()).count()
            }
            Some(c) if b"@*#?$!-".contains(c) => 1,
            _ => 0,
        };
        p.name = src[j..j + name_len].to_string();
        j += name_len;
        if b.get(j) == Some(&b'[') {
            let end = skip_balanced(b, j + 1, b'[', b']');
            // Without a closing `]` the index runs to the end of the text.
            let close = if end > j + 1 && b.get(end - 1) == Some(&b']') {
                end - 1
            } else {
                end
            };
            p.index = Some(src.get(j + 1..close.max(j + 1)).unwrap_or("").to_string());
            j = end;
        }
        let rest = &src[j.min(b.len())..];
        const OPS: &[(&str, ParamOp)] = &[
            (":-", ParamOp::Default { colon: true }),
            (":=", ParamOp::Assign { colon: true }),
            (":?", ParamOp::Error { colon: true }),
            (":+", ParamOp::Alternative { colon: true }),
            (":", ParamOp::Substring),
            ("-", ParamOp::Default { colon: false }),
            ("=", ParamOp::Assign { colon: false }),
            ("?", ParamOp::Error { colon: false }),
            ("+", ParamOp::Alternative { colon: false }),
            ("##", ParamOp::RemoveLargestPrefix),
            ("#", ParamOp::RemoveSmallestPrefix),
            ("%%", ParamOp::RemoveLargestSuffix),
            ("%", ParamOp::RemoveSmallestSuffix),
            ("//", ParamOp::Replace { all: true }),
            ("/", ParamOp::Replace { all: false }),
            ("^^", ParamOp::Case),
            ("^", ParamOp::Case),
            (",,", ParamOp::Case),
            (",", ParamOp::Case),
            ("@", ParamOp::Transform),
        ];
        if !rest.starts_with('}')
            && let Some((text, op)) = OPS.iter().find(|(t, _)| rest.starts_with(t))
        {
            p.op = Some(*op);
            j += text.len();
        }
        // The operand (or, after a bad name, whatever is there) runs to the closing `}`.
        let mut sub = Lexer::new(src, self.base, self.tally, self.depth + 1);
        let (parts, end) = sub.parts(j, Mode::Brace);
        if p.op.is_some() {
            p.operand = Some(Word {
                parts,
                start: self.base + j,
                end: self.base + end,
            });
        } else if end > j {
            // `${name junk}`: a bad substitution, unknown when evaluated.
            p.name.clear();
        }
        if end >= b.len() {
            self.tally.note(self.base + i, "unterminated `${`");
        }
        let end = (end + 1).min(b.len());
        p.end = self.base + end;
        (WordPart::Param(Box::new(p)), end)
    }
}
