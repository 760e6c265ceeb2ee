//! What the walk ([`super::walk()`]) shows the caller: each visited command, its evaluated
//! words and redirections, and where it stands.

use std::borrow::Cow;

use super::ast::{CompoundCommand, Connector, Redirect, SimpleCommand};
use super::token::RedirOp;
use super::word::Word;
use crate::value::StaticValue;

/// What the evaluator is told besides the text. Lists and names are borrowed when the
/// caller has them (a run's configuration, a file's name): options are built per file,
/// and copied again per walk with another [`EvalOptions::programs`] hint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EvalOptions<'a> {
    /// Variables that name the repository root unless the script assigns them
    /// (`ROOT`, `REPO_ROOT`, ...): they evaluate to [`Anchor::Root`](crate::Anchor::Root).
    pub root_vars: Cow<'a, [String]>,
    /// The script's file name (`deploy.sh`), for `$0` = `$SCRIPT_DIR/deploy.sh`; without
    /// it the name part of `$0` is unknown (its directory is still known).
    pub script_name: Option<Cow<'a, str>>,
    /// Do not visit functions that are never called (see the module docs).
    pub skip_uncalled_functions: bool,
    /// The working directory the text starts in, when the caller knows it (a workflow
    /// step's `working-directory`, the repository root for a command in a document), so
    /// that a relative `cd` moves from there; `None`: unknown until an absolute or anchored
    /// `cd`.
    pub cwd: Option<StaticValue>,
    /// The programs (by file name, `source`, `kubectl`) whose commands the caller looks
    /// at, when it looks at only a few: a hint that lets the walk skip a simple command
    /// whose program is written as plain text, is none of these, has no redirection,
    /// changes nothing the walk models (not `cd`, a declaration, `unset`, `read`, `printf
    /// -v`, a function call, `${X:=y}`) and whose command substitutions hold only commands
    /// that would be skipped too. Such a command is neither evaluated nor visited, nor
    /// are the commands of its substitutions; every other command is, as without the
    /// hint. Values and working directories of the commands visited are the same either
    /// way. `None`: visit everything.
    pub programs: Option<&'static [&'static str]>,
}

/// Where a visited command stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context<'s> {
    /// The innermost function whose body holds the command.
    pub function: Option<&'s str>,
    /// Inside a function visited without a call (see the module docs).
    pub uncalled: bool,
    /// How many function calls deep.
    pub call_depth: usize,
    /// Inside `$( )`, backticks or `<( )`.
    pub in_substitution: bool,
    /// Inside the condition of an `if`, `elif`, `while` or `until`.
    pub in_condition: bool,
    /// The pipeline is negated with `!`.
    pub negated: bool,
    /// Index of the command in its pipeline, and the pipeline's length.
    pub pipeline_index: usize,
    /// The length of the pipeline.
    pub pipeline_len: usize,
    /// The connector before this command's pipeline in its and-or list (`a && b`: `And`
    /// for `b`), and the one after it.
    pub before: Option<Connector>,
    /// The connector after this command's pipeline.
    pub after: Option<Connector>,
    /// The and-or list runs in the background (`&`).
    pub background: bool,
    /// The working directory, when known (after a `cd` that evaluated).
    pub cwd: Option<StaticValue>,
    /// A `cd`, `pushd` or `popd` ran before this command on the path walked. With `cwd`
    /// `None`, false means the command runs where the script was started, true that it
    /// runs in a directory that cannot be known (`cd "$(mktemp -d)"`).
    pub cwd_changed: bool,
}

/// A word and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluated<'s> {
    /// The word as parsed.
    pub word: &'s Word,
    /// The value.
    pub value: StaticValue,
    /// The word with quotes removed and expansions as written (`"$ROOT"/x` is `$ROOT/x`);
    /// borrowed from the syntax tree when the word is one literal or quoted string
    /// ([`Word::unquoted_cow`]).
    pub text: Cow<'s, str>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

impl Evaluated<'_> {
    /// The value's text when fully known, else the word as written without quotes.
    pub fn key(&self) -> String {
        self.key_str().to_string()
    }

    /// [`Evaluated::key`], borrowed when it can be.
    pub fn key_str(&self) -> Cow<'_, str> {
        self.value.known_str().unwrap_or(Cow::Borrowed(&*self.text))
    }
}

/// A redirection and its evaluated target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalRedirect<'s> {
    /// The redirection as parsed.
    pub redirect: &'s Redirect,
    /// The fd redirected (the written one or the operator's default).
    pub fd: u32,
    /// The operator.
    pub op: RedirOp,
    /// The target evaluated.
    pub target: StaticValue,
}

impl EvalRedirect<'_> {
    /// True when this redirection sends the command's stdout elsewhere.
    pub fn redirects_stdout(&self) -> bool {
        let out = matches!(
            self.op,
            RedirOp::Great | RedirOp::DGreat | RedirOp::Clobber | RedirOp::GreatAnd
        );
        (out && self.fd == 1) || matches!(self.op, RedirOp::AndGreat | RedirOp::AndDGreat)
    }

    /// True when the target is a file written (not an fd duplication like `2>&1`).
    pub fn writes_file(&self) -> bool {
        self.op.writes_file()
            || (self.op == RedirOp::GreatAnd
                && !self
                    .target
                    .as_known()
                    .is_some_and(|t| t == "-" || t.bytes().all(|b| b.is_ascii_digit())))
    }
}

/// What was visited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VisitedKind<'s> {
    /// A simple command.
    Simple(&'s SimpleCommand),
    /// A compound command with redirections; `words` is empty.
    Compound(&'s CompoundCommand),
}

/// One visited command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visited<'s> {
    /// What was visited.
    pub kind: VisitedKind<'s>,
    /// `NAME=value` prefixes and their values.
    pub assignments: Vec<(&'s str, StaticValue)>,
    /// All words (prefix words such as `sudo` included).
    pub words: Vec<Evaluated<'s>>,
    /// Redirections with evaluated targets, in order.
    pub redirects: Vec<EvalRedirect<'s>>,
    /// Index in `words` of the program after prefix words ([`program_index`](super::keywords::program_index)).
    pub program: Option<usize>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// Where the command stands.
    pub context: Context<'s>,
}

impl<'s> Visited<'s> {
    /// The program word.
    pub fn program_word(&self) -> Option<&Evaluated<'s>> {
        self.words.get(self.program?)
    }

    /// The program's file name (`/usr/bin/make` and `make` are `make`), from its value
    /// when known, else from the word as written.
    pub fn program_name(&self) -> Option<String> {
        self.program_file_name().map(Cow::into_owned)
    }

    /// [`Visited::program_name`], borrowed when it can be.
    pub fn program_file_name(&self) -> Option<Cow<'_, str>> {
        Some(match self.program_word()?.key_str() {
            Cow::Borrowed(key) => Cow::Borrowed(ops_model::path::file_name(key)),
            Cow::Owned(key) => Cow::Owned(ops_model::path::file_name(&key).to_string()),
        })
    }

    /// The words after the program.
    pub fn args(&self) -> &[Evaluated<'s>] {
        match self.program {
            Some(i) => self.words.get(i + 1..).unwrap_or(&[]),
            None => &[],
        }
    }

    /// True when some redirection sends stdout elsewhere (`>&2`, `>/dev/null`, `&>log`).
    pub fn stdout_redirected(&self) -> bool {
        self.redirects.iter().any(EvalRedirect::redirects_stdout)
    }
}
