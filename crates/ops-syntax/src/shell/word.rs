//! Shell words: the parts a word is made of (POSIX XCU 2.2 quoting, 2.6 expansions).

use smallvec::SmallVec;

use super::ast::{Assignment, Program};

/// The parts of a [`Word`]: a vector that holds one part inline (most words are one
/// literal, and a word then costs no allocation beyond its text).
pub type WordParts = SmallVec<[WordPart; 1]>;

/// A word with its byte span `start..end` in the read text. Spans inside backticks and
/// `<<-` here-document bodies are approximate (the text there is unescaped first); they
/// always lie within the enclosing construct.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// The parts, in order.
    pub parts: WordParts,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// One part of a [`Word`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordPart {
    /// Unquoted text, backslash escapes removed (`a\ b` is `a b`). May hold
    /// [`UNKNOWN_MARK`](crate::UNKNOWN_MARK), which the evaluator reads as unknown.
    Literal(String),
    /// `'...'`, the text between the quotes.
    SingleQuoted(String),
    /// `$'...'` (bash ANSI-C quoting), the text decoded (`\n`, `\t`, `\x41`, ...).
    AnsiC(String),
    /// `"..."` (and `$"..."`): the parts inside the quotes.
    DoubleQuoted(Vec<WordPart>),
    /// `$name`, `$1`, `$@`, `${...}`.
    Param(Box<Param>),
    /// `$( ... )` or `` `...` ``.
    CommandSubst(Box<Subst>),
    /// `<( ... )` or `>( ... )` (bash process substitution).
    ProcessSubst(Box<Subst>),
    /// `$(( ... ))`, the expression text.
    Arith(String),
    /// Text not read because a budget was exceeded (UNKNOWN), with its byte span.
    Opaque {
        /// Byte offset of the first byte not read.
        start: usize,
        /// Byte offset after the last byte not read.
        end: usize,
    },
}

/// A command substitution or process substitution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subst {
    /// The commands inside.
    pub program: Program,
    /// Written with backticks.
    pub backtick: bool,
    /// Byte span of the whole substitution (`$(` to `)` inclusive).
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// A parameter expansion (POSIX XCU 2.6.2, with bash's `${!x}`, `${x[i]}`, `${x/a/b}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// The name: an identifier, digits, or one of `@ * # ? $ ! - 0`. Empty for a bad
    /// substitution (`${}`).
    pub name: String,
    /// `${name[index]}`: the index text as written.
    pub index: Option<String>,
    /// `${#name}`: the length.
    pub length: bool,
    /// `${!name}`: indirection (or the list of keys/names).
    pub indirect: bool,
    /// The operator after the name, if any.
    pub op: Option<ParamOp>,
    /// The word after the operator (`default` in `${x:-default}`).
    pub operand: Option<Word>,
    /// Written with braces.
    pub braced: bool,
    /// Byte span of the whole expansion (`$` to the closing `}` inclusive).
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// The operator of a `${name OP word}` expansion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamOp {
    /// `:-` (`colon`) or `-`: use a default.
    Default {
        /// Written with `:` (also when set but empty).
        colon: bool,
    },
    /// `:=` or `=`: assign a default.
    Assign {
        /// Written with `:` (also when set but empty).
        colon: bool,
    },
    /// `:?` or `?`: fail when unset.
    Error {
        /// Written with `:` (also when set but empty).
        colon: bool,
    },
    /// `:+` or `+`: use an alternative when set.
    Alternative {
        /// Written with `:` (only when set and not empty).
        colon: bool,
    },
    /// `%`: remove the smallest matching suffix.
    RemoveSmallestSuffix,
    /// `%%`: remove the largest matching suffix.
    RemoveLargestSuffix,
    /// `#`: remove the smallest matching prefix.
    RemoveSmallestPrefix,
    /// `##`: remove the largest matching prefix.
    RemoveLargestPrefix,
    /// `/` or `//` (`all`): replace a pattern.
    Replace {
        /// `//`: every match, not only the first.
        all: bool,
    },
    /// `^`, `^^`, `,`, `,,`: change case.
    Case,
    /// `:offset[:length]`: a substring.
    Substring,
    /// `@op`: a transformation.
    Transform,
}

impl Word {
    /// The word's text with quotes removed when it holds no expansion (`"a b"'c'` is
    /// `a bc`); `None` when any part is an expansion.
    pub fn literal(&self) -> Option<String> {
        let mut out = String::new();
        literal_parts(&self.parts, &mut out).then_some(out)
    }

    /// [`Word::literal`], borrowed when the word is one unquoted literal (most words are):
    /// no new string per word for callers that only compare or look up.
    pub fn literal_cow(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self.plain() {
            Some(text) => Some(std::borrow::Cow::Borrowed(text)),
            None => self.literal().map(std::borrow::Cow::Owned),
        }
    }

    /// True when some part is quoted (`"..."`, `'...'`, `$'...'`). A quoted word is never a
    /// reserved word (`"if"` is an argument).
    pub fn is_quoted(&self) -> bool {
        self.parts.iter().any(|p| {
            matches!(
                p,
                WordPart::SingleQuoted(_) | WordPart::AnsiC(_) | WordPart::DoubleQuoted(_)
            )
        })
    }

    /// The unquoted literal text when the whole word is one unquoted literal (reserved
    /// words, function names, `NAME=` prefixes).
    pub fn plain(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [WordPart::Literal(t)] => Some(t),
            _ => None,
        }
    }

    /// The word with quotes removed and expansions kept as written, taken from `text` (the
    /// text the word was read from): `"$ROOT"/ops/a.sh` is `$ROOT/ops/a.sh`.
    pub fn unquoted(&self, text: &str) -> String {
        // Quote removal only shortens the word as written: one allocation, no regrowth.
        let mut out = String::with_capacity(self.end.saturating_sub(self.start));
        unquote_parts(&self.parts, text, &mut out);
        out
    }

    /// [`Word::unquoted`], borrowed from the word when it is one part without expansions
    /// (`name`, `'a b'`, `"a b"`), which most words are: no new string per word evaluated.
    pub fn unquoted_cow(&self, text: &str) -> std::borrow::Cow<'_, str> {
        match self.parts.as_slice() {
            [WordPart::Literal(t) | WordPart::SingleQuoted(t) | WordPart::AnsiC(t)] => {
                std::borrow::Cow::Borrowed(t)
            }
            [WordPart::DoubleQuoted(inner)] => match inner.as_slice() {
                [] => std::borrow::Cow::Borrowed(""),
                [WordPart::Literal(t)] => std::borrow::Cow::Borrowed(t),
                _ => std::borrow::Cow::Owned(self.unquoted(text)),
            },
            _ => std::borrow::Cow::Owned(self.unquoted(text)),
        }
    }

    /// True when the word holds a command substitution or process substitution.
    pub fn has_substitution(&self) -> bool {
        fn any(parts: &[WordPart]) -> bool {
            parts.iter().any(|p| match p {
                WordPart::CommandSubst(_) | WordPart::ProcessSubst(_) => true,
                WordPart::DoubleQuoted(inner) => any(inner),
                WordPart::Param(p) => p.operand.as_ref().is_some_and(|w| any(&w.parts)),
                _ => false,
            })
        }
        any(&self.parts)
    }
}

fn literal_parts(parts: &[WordPart], out: &mut String) -> bool {
    for part in parts {
        match part {
            WordPart::Literal(t) | WordPart::SingleQuoted(t) | WordPart::AnsiC(t) => {
                out.push_str(t)
            }
            WordPart::DoubleQuoted(inner) => {
                if !literal_parts(inner, out) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

fn unquote_parts(parts: &[WordPart], text: &str, out: &mut String) {
    let slice = |start: usize, end: usize| text.get(start..end).unwrap_or("");
    for part in parts {
        match part {
            WordPart::Literal(t) | WordPart::SingleQuoted(t) | WordPart::AnsiC(t) => {
                out.push_str(t)
            }
            WordPart::DoubleQuoted(inner) => unquote_parts(inner, text, out),
            WordPart::Param(p) => out.push_str(slice(p.start, p.end)),
            WordPart::CommandSubst(s) | WordPart::ProcessSubst(s) => {
                out.push_str(slice(s.start, s.end))
            }
            WordPart::Arith(expr) => {
                out.push_str("$((");
                out.push_str(expr);
                out.push_str("))");
            }
            WordPart::Opaque { start, end } => out.push_str(slice(*start, *end)),
        }
    }
}

/// True for a POSIX name: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `NAME=value`, `NAME+=value` or `NAME[i]=value` when `word` is one (POSIX XCU 2.9.1:
/// the name is unquoted and valid).
pub fn assignment(word: &Word) -> Option<Assignment> {
    let Some(WordPart::Literal(first)) = word.parts.first() else {
        return None;
    };
    let eq = first.find('=')?;
    let mut lhs = &first[..eq];
    let append = lhs.ends_with('+');
    if append {
        lhs = &lhs[..lhs.len() - 1];
    }
    let (name, index) = match lhs.split_once('[') {
        Some((name, rest)) => (name, Some(rest.strip_suffix(']')?.to_string())),
        None => (lhs, None),
    };
    if !is_name(name) {
        return None;
    }
    let mut parts = WordParts::with_capacity(word.parts.len());
    let tail = &first[eq + 1..];
    if !tail.is_empty() {
        parts.push(WordPart::Literal(tail.to_string()));
    }
    parts.extend(word.parts[1..].iter().cloned());
    let array = tail.starts_with('(');
    Some(Assignment {
        name: name.to_string(),
        index,
        append,
        value: Word {
            parts,
            start: (word.start + eq + 1).min(word.end),
            end: word.end,
        },
        array,
        start: word.start,
        end: word.end,
    })
}

/// True when `text` has the form `NAME=...` (or `NAME+=`), unquoted text.
pub fn assignment_text(text: &str) -> bool {
    text.split_once('=')
        .is_some_and(|(name, _)| is_name(name.strip_suffix('+').unwrap_or(name)))
}
