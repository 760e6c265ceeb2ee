//! Tokens of the shell lexer (POSIX.1-2017 XCU 2.3 "Token Recognition", plus bash's
//! operators `&>`, `&>>`, `|&`, `;&`, `;;&`, `<<<`).

use super::ast::HereDoc;
use super::word::Word;

/// One token with its byte span `start..end` in the read text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A word, quotes and expansions inside it (reserved words are words too: the parser
    /// tells them apart by position).
    Word(Word),
    /// A control or redirection operator.
    Op(Op),
    /// POSIX `IO_NUMBER`: digits right before a redirection operator (`2` in `2>&1`).
    IoNumber(u32),
    /// The delimiter word of a here-document, with the body read after the next newline.
    HereDoc(Box<HereDoc>),
    /// An arithmetic command `(( ... ))` or the `((init; test; step))` of an arithmetic
    /// `for`: the text between the parentheses.
    Arith(String),
    /// A newline (a command separator).
    Newline,
    /// A comment, `#` to the end of the line (the newline is not part of it).
    Comment,
}

/// Control and redirection operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Op {
    /// `&&`
    AndIf,
    /// `||`
    OrIf,
    /// `;`
    Semi,
    /// `;;` (end of a `case` arm)
    DSemi,
    /// `;&` (bash: fall through to the next `case` arm)
    SemiAnd,
    /// `;;&` (bash: test the next `case` pattern)
    DSemiAnd,
    /// `&` (run in the background)
    Amp,
    /// `|`
    Pipe,
    /// `|&` (bash: pipe stdout and stderr)
    PipeAmp,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// A redirection operator.
    Redirect(RedirOp),
}

/// Redirection operators (POSIX XCU 2.7 and bash's `&>`, `&>>`, `<<<`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RedirOp {
    /// `<`
    Less,
    /// `>`
    Great,
    /// `>>`
    DGreat,
    /// `>|`
    Clobber,
    /// `<&` (duplicate an input fd)
    LessAnd,
    /// `>&` (duplicate an output fd; `>&file` also writes to a file in bash)
    GreatAnd,
    /// `&>` (bash: stdout and stderr to a file)
    AndGreat,
    /// `&>>` (bash: append stdout and stderr)
    AndDGreat,
    /// `<>` (open for reading and writing)
    LessGreat,
    /// `<<` here-document
    HereDoc,
    /// `<<-` here-document with leading tabs stripped
    HereDocStrip,
    /// `<<<` here-string (bash)
    HereString,
}

impl RedirOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            RedirOp::Less => "<",
            RedirOp::Great => ">",
            RedirOp::DGreat => ">>",
            RedirOp::Clobber => ">|",
            RedirOp::LessAnd => "<&",
            RedirOp::GreatAnd => ">&",
            RedirOp::AndGreat => "&>",
            RedirOp::AndDGreat => "&>>",
            RedirOp::LessGreat => "<>",
            RedirOp::HereDoc => "<<",
            RedirOp::HereDocStrip => "<<-",
            RedirOp::HereString => "<<<",
        }
    }

    /// True for operators that write to their target as a file (`>`, `>>`, `>|`, `&>`,
    /// `&>>`, `<>`). `>&` writes to a file only when its target is not a number or `-`.
    pub fn writes_file(self) -> bool {
        matches!(
            self,
            RedirOp::Great
                | RedirOp::DGreat
                | RedirOp::Clobber
                | RedirOp::AndGreat
                | RedirOp::AndDGreat
                | RedirOp::LessGreat
        )
    }

    /// The fd the operator applies to when no `IO_NUMBER` is written: 0 for input
    /// operators, 1 for output ones (`&>` applies to 1 and 2).
    pub fn default_fd(self) -> u32 {
        match self {
            RedirOp::Less
            | RedirOp::LessAnd
            | RedirOp::LessGreat
            | RedirOp::HereDoc
            | RedirOp::HereDocStrip
            | RedirOp::HereString => 0,
            _ => 1,
        }
    }
}

impl Op {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::AndIf => "&&",
            Op::OrIf => "||",
            Op::Semi => ";",
            Op::DSemi => ";;",
            Op::SemiAnd => ";&",
            Op::DSemiAnd => ";;&",
            Op::Amp => "&",
            Op::Pipe => "|",
            Op::PipeAmp => "|&",
            Op::LParen => "(",
            Op::RParen => ")",
            Op::Redirect(r) => r.as_str(),
        }
    }
}

/// Every operator, longest first, so that the first prefix match is the longest one.
pub(crate) const OPERATORS: &[(&str, Op)] = &[
    (";;&", Op::DSemiAnd),
    ("&>>", Op::Redirect(RedirOp::AndDGreat)),
    ("<<<", Op::Redirect(RedirOp::HereString)),
    ("<<-", Op::Redirect(RedirOp::HereDocStrip)),
    ("&&", Op::AndIf),
    ("||", Op::OrIf),
    (";;", Op::DSemi),
    (";&", Op::SemiAnd),
    ("|&", Op::PipeAmp),
    ("&>", Op::Redirect(RedirOp::AndGreat)),
    (">>", Op::Redirect(RedirOp::DGreat)),
    (">|", Op::Redirect(RedirOp::Clobber)),
    (">&", Op::Redirect(RedirOp::GreatAnd)),
    ("<&", Op::Redirect(RedirOp::LessAnd)),
    ("<>", Op::Redirect(RedirOp::LessGreat)),
    ("<<", Op::Redirect(RedirOp::HereDoc)),
    (";", Op::Semi),
    ("&", Op::Amp),
    ("|", Op::Pipe),
    ("(", Op::LParen),
    (")", Op::RParen),
    ("<", Op::Redirect(RedirOp::Less)),
    (">", Op::Redirect(RedirOp::Great)),
];
