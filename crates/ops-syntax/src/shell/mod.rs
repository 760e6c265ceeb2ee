//! The one shell reader: POSIX shell and bash, as a pure function of a file's text.
//!
//! - [`lex`]: tokens with byte offsets ([`Token`]): quoting (single, double, `$'...'`,
//!   backslash), here-documents (`<<`, `<<-`, quoted delimiters), every operator (`2>&1`,
//!   `&>`, `>|`, `;;`, `|&`, ...), comments, line continuations, `$( )`, backticks,
//!   `${ }`, `$(( ))`, `(( ))`, process substitution.
//! - [`Script::parse`]: the command structure ([`Program`]): simple commands with
//!   assignments, words and redirections; pipelines, `&&`/`||` lists, `;`/`&`; subshells,
//!   groups, `if`/`while`/`until`/`for`/`select`/`case`, `[[ ]]`, `(( ))`; functions
//!   (`f() { ...; }`, `function f { }`). Every node has its byte span.
//! - [`walk()`]: a static evaluator whose values are [`StaticValue`](crate::StaticValue)s;
//!   it walks the script in order and shows the caller every simple command with its
//!   words evaluated in the environment at that point.
//! - [`facts`]: what rules ask of a script: is it a function-only library, which files it
//!   `source`s, its first command, its `#!` interpreter, is a file a shell script.
//! - [`keywords`]: the one keyword table (reserved words, prefix words, declarations).
//!
//! Reading never fails and never panics. Malformed input is read as far as it goes and
//! [`Note`]d; a [`Budget`] bounds every loop ([`Limits`]), so time is linear in the input.
//!
//! Not modelled: aliases, `eval`, field splitting and pathname expansion of unquoted
//! expansions (a word stays one word), brace expansion (`{a,b}` stays literal).

use std::borrow::Cow;

mod ansi_c;
pub mod ast;
pub mod budget;
mod compound;
mod env;
pub mod eval;
pub mod facts;
pub mod keywords;
mod lexer;
mod output;
mod parse;
mod plain;
mod redirect;
mod scan;
mod simple;
mod skip;
mod syntax_walk;
pub mod token;
pub mod visited;
pub mod walk;
pub mod word;

#[cfg(test)]
mod tests;

pub use ast::{
    AndOr, Assignment, CaseArm, Command, Compound, CompoundCommand, Connector, FunctionDef,
    HereDoc, ListItem, Pipeline, Program, Redirect, SimpleCommand,
};
pub use budget::{Budget, BudgetKind, Limits, Note};
pub use token::{Op, RedirOp, Token, TokenKind};
pub use walk::{Context, EvalOptions, EvalRedirect, Evaluated, Visited, VisitedKind, walk};
pub use word::{Param, ParamOp, Subst, Word, WordPart, assignment};

use budget::Tally;

/// How much to expect of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// A whole script file: `$0` and `${BASH_SOURCE[0]}` name it, incomplete constructs
    /// are noted.
    Script,
    /// A fragment (a Markdown code span, an expanded make recipe line, a workflow `run:`
    /// value): best effort, nothing is noted, `$0` is unknown.
    Fragment,
}

/// A parsed script or fragment.
#[derive(Clone, Debug)]
pub struct Script<'a> {
    /// The text read (borrowed, or owned by a script that must outlive the file's text:
    /// see [`Script::parse_owned`]).
    text: Cow<'a, str>,
    /// How the text was read.
    pub mode: Mode,
    /// The commands.
    pub program: Program,
    /// Malformed input seen while reading (empty in [`Mode::Fragment`]).
    pub notes: Vec<Note>,
    /// Budgets exceeded while reading.
    pub budgets: Vec<Budget>,
    /// The limits the text was read with (the evaluator uses them too).
    pub limits: Limits,
    line_starts: Vec<usize>,
}

/// The general reader: the lexer's tokens, parsed.
fn read_program(text: &str, tally: &mut Tally) -> Program {
    let tokens = lexer::Lexer::new(text, 0, tally, 0)
        .tokens(0, lexer::Stop::Eof)
        .tokens;
    parse::parse(tokens, tally, 0)
}

impl<'a> Script<'a> {
    /// Reads a whole script with the default [`Limits`].
    pub fn parse(text: &'a str) -> Script<'a> {
        Script::parse_with(text, Mode::Script, Limits::default())
    }

    /// Reads a fragment (see [`Mode::Fragment`]) with the default [`Limits`].
    pub fn fragment(text: &'a str) -> Script<'a> {
        Script::parse_with(text, Mode::Fragment, Limits::default())
    }

    /// Reads `text` in `mode` within `limits`. A text over
    /// [`Limits::max_input_bytes`] is not read: the program is empty and
    /// [`Script::budgets`] says why.
    pub fn parse_with(text: &'a str, mode: Mode, limits: Limits) -> Script<'a> {
        Script::read(Cow::Borrowed(text), mode, limits)
    }

    /// Like [`Script::parse_with`], for a script that owns its text: a `Script<'static>`
    /// can be kept beside the file (one parse shared by every rule, see
    /// [`crate::parsed`]).
    pub fn parse_owned(text: String, mode: Mode, limits: Limits) -> Script<'static> {
        Script::read(Cow::Owned(text), mode, limits)
    }

    fn read(text: Cow<'a, str>, mode: Mode, limits: Limits) -> Script<'a> {
        let mut tally = Tally::new(limits, mode == Mode::Script);
        let program = if text.len() > tally.limits.max_input_bytes {
            tally.exceeded(BudgetKind::InputSize, 0);
            Program::default()
        } else if let Some(program) = plain::program(&text, tally.limits.max_tokens) {
            program
        } else {
            read_program(&text, &mut tally)
        };
        // memchr, not `match_indices`: a one-line recipe is read 200,000 times in a large
        // makefile, and a `str` searcher costs more to set up than the line to read.
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Script {
            text,
            mode,
            program,
            notes: tally.notes,
            budgets: tally.budgets,
            limits: tally.limits,
            line_starts,
        }
    }

    /// The text read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 1-based line of byte `offset` (the last line for offsets past the end).
    pub fn line_of(&self, offset: usize) -> u32 {
        let line = self.line_starts.partition_point(|start| *start <= offset);
        u32::try_from(line.max(1)).unwrap_or(u32::MAX)
    }

    /// The 1-based column (in characters) of byte `offset` in its line.
    pub fn column_of(&self, offset: usize) -> u32 {
        let line = self.line_of(offset) as usize;
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let prefix = self
            .text
            .get(start..offset.min(self.text.len()))
            .unwrap_or("");
        u32::try_from(prefix.chars().count() + 1).unwrap_or(u32::MAX)
    }

    /// The text of `start..end`, or `""` when the span does not fall on the text's
    /// character boundaries (spans inside backticks are approximate).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or("")
    }
}

/// The tokens of `text` (a whole script), with the notes and budgets of lexing. Words in
/// `$( )` and backticks are parsed into their [`WordPart::CommandSubst`].
pub fn lex(text: &str, limits: Limits) -> (Vec<Token>, Vec<Note>, Vec<Budget>) {
    let mut tally = Tally::new(limits, true);
    if text.len() > tally.limits.max_input_bytes {
        tally.exceeded(BudgetKind::InputSize, 0);
        return (Vec::new(), tally.notes, tally.budgets);
    }
    let tokens = lexer::Lexer::new(text, 0, &mut tally, 0)
        .tokens(0, lexer::Stop::Eof)
        .tokens;
    (tokens, tally.notes, tally.budgets)
}
