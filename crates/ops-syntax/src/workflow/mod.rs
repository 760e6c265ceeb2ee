//! GitHub Actions workflows (`.github/workflows/*.yml`): each job and step as the runner
//! sees it, with positions, built on [`crate::yaml`].
//!
//! [`read_workflow`] is a pure function of a file's text. It gives, per job and step:
//!
//! - `run:` as the value the runner executes ([`Run`]): a literal `|` block keeps its lines,
//!   a folded `>` block joins them (YAML folding), plain and quoted scalars are unquoted;
//!   every line or folded part keeps the file position it came from ([`Text::span_at`]), so a
//!   finding inside a multi-line `run:` points at its line;
//! - the directory a `run:` step runs in ([`Step::working_directory`]): the step's
//!   `working-directory`, else the job's `defaults.run.working-directory`, else the
//!   workflow's, as GitHub documents for `defaults.run`; likewise the shell;
//! - `uses:` with its `with:` inputs, and `env:` at workflow, job and step level, each with
//!   the positions of its keys and values.
//!
//! Expressions `${{ ... }}` are left in the text, as the runner would substitute them before
//! running it, and marked: [`Text::expressions`] holds their byte ranges, so a rule can tell
//! text it knows from text it does not. An expression runs to the first `}}` after its
//! `${{` (a `}}` inside an expression's string literal is not seen); an unclosed `${{` is
//! plain text.
//!
//! A text that is not a workflow (no `jobs:` mapping) is an empty [`Workflow`], not an
//! error; a text that is not YAML is an empty one with the YAML error among its
//! diagnostics. Budgets are those of the YAML reader.
//!
//! Values are the text as written (`version: 3.10` gives `"3.10"`); where YAML reads a value
//! as a number or boolean (GitHub then passes `3.1`), [`Text::scalar`] says so.

mod expr;
mod read;
#[cfg(test)]
mod tests;

use std::ops::Range;

use ops_model::Span;

use crate::diagnostic::Diagnostic;
use crate::yaml::Scalar;

pub use expr::expressions;
pub use read::{read_workflow, read_workflow_with};

/// A workflow file as read by [`read_workflow`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workflow {
    /// `name:`
    pub name: Option<Text>,
    /// Workflow-level `env:`.
    pub env: Vec<EnvVar>,
    /// Workflow-level `defaults.run`.
    pub defaults: RunDefaults,
    /// The jobs, in file order.
    pub jobs: Vec<Job>,
    /// The YAML reader's diagnostics (syntax error, budgets, duplicate keys).
    pub diagnostics: Vec<Diagnostic>,
}

/// `defaults.run` of a workflow or job.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunDefaults {
    /// `shell:`
    pub shell: Option<Text>,
    /// `working-directory:`
    pub working_directory: Option<Text>,
}

/// One job of `jobs:`.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    /// The job id (its key under `jobs:`).
    pub id: String,
    /// Position of the job id.
    pub span: Span,
    /// `name:`
    pub name: Option<Text>,
    /// Job-level `env:`.
    pub env: Vec<EnvVar>,
    /// Job-level `defaults.run`.
    pub defaults: RunDefaults,
    /// `uses:` of a job that calls a reusable workflow.
    pub uses: Option<Text>,
    /// `with:` of such a job.
    pub with: Vec<Input>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// Where a setting of a step comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The step itself.
    Step,
    /// The job's `defaults.run`.
    Job,
    /// The workflow's `defaults.run`.
    Workflow,
}

/// A setting of a step and the level it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    /// The value, where it is written.
    pub value: Text,
    /// The level that set it.
    pub from: Scope,
}

/// One step of a job.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// 0-based index in the job's `steps:`.
    pub index: usize,
    /// Position of the step (its `- ` item).
    pub span: Span,
    /// `id:`
    pub id: Option<Text>,
    /// `name:`
    pub name: Option<Text>,
    /// `run:`
    pub run: Option<Run>,
    /// `uses:`
    pub uses: Option<Text>,
    /// `with:` inputs of a `uses:` step.
    pub with: Vec<Input>,
    /// Step-level `env:`.
    pub env: Vec<EnvVar>,
    /// The directory a `run:` step runs in, relative to the workspace: the step's
    /// `working-directory`, else the job's, else the workflow's `defaults.run`. `None` for
    /// a `uses:` step (GitHub applies neither to actions) or when nothing sets it.
    pub working_directory: Option<Setting>,
    /// The shell of a `run:` step, resolved the same way; `None` when nothing sets it (the
    /// runner's default: `bash -e` on Linux and macOS).
    pub shell: Option<Setting>,
}

/// The `run:` of a step.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The script as the runner receives it, with its positions.
    pub script: Text,
}

/// One line of a [`Run`] script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunLine<'r> {
    /// The line, without its line ending.
    pub text: &'r str,
    /// Byte offset of the line in [`Text::value`].
    pub offset: usize,
    /// Where its first character is written.
    pub span: Span,
}

impl Run {
    /// The script's lines (a folded `>` script is one line per paragraph), empty lines
    /// skipped, each with the position of its first character. For a position inside a line,
    /// use [`Text::span_at`] with `offset` plus the index in the line.
    pub fn lines(&self) -> Vec<RunLine<'_>> {
        let mut out = Vec::new();
        let mut offset = 0;
        for line in self.script.value.split('\n') {
            if !line.trim().is_empty() {
                out.push(RunLine {
                    text: line.strip_suffix('\r').unwrap_or(line),
                    offset,
                    span: self.script.span_at(offset),
                });
            }
            offset += line.len() + 1;
        }
        out
    }
}

/// An `env:` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct EnvVar {
    /// The variable's name.
    pub name: String,
    /// Position of the name.
    pub span: Span,
    /// Its value.
    pub value: Text,
}

/// A `with:` input.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// The input's name.
    pub name: String,
    /// Position of the name.
    pub span: Span,
    /// Its value.
    pub value: Text,
}

/// A workflow value: its text, where it is written, and its expressions.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// The text: a scalar's value as YAML loads it (a number or boolean as written); a
    /// collection as its compact JSON text.
    pub value: String,
    /// Where the value's first character is written.
    pub span: Span,
    /// The byte ranges in `value` of each `${{ ... }}` expression, delimiters included.
    pub expressions: Vec<Range<usize>>,
    scalar: Option<Scalar>,
}

impl Text {
    /// The file position of a byte offset in [`Text::value`] (see [`Scalar::span_at`]).
    pub fn span_at(&self, offset: usize) -> Span {
        match &self.scalar {
            Some(s) => s.span_at(offset),
            None => self.span,
        }
    }

    /// The YAML scalar behind the value (its style and what YAML resolves it to); `None` for
    /// a collection.
    pub fn scalar(&self) -> Option<&Scalar> {
        self.scalar.as_ref()
    }

    /// True when some of the text is an expression, so not known before the run.
    pub fn has_expressions(&self) -> bool {
        !self.expressions.is_empty()
    }
}
