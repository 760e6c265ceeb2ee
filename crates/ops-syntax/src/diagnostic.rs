//! What a reader says about its input besides the data: syntax errors, exhausted work
//! budgets, suspicious constructs.
//!
//! A reader never fails on arbitrary text: where it cannot read something it returns what it
//! could read plus a [`Diagnostic`]. Severities follow the project rule: an `Error` is
//! certain (the text is not valid in its language, as the language's reference tool would also
//! refuse it), a `Warning` is a limit of this reader or something a person likely did not
//! mean (a budget ran out and the value there is unknown; a duplicate mapping key).

use std::fmt;

use ops_model::{Severity, Span};

/// A work budget of a reader: past it the value read is unknown and a warning names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Budget {
    /// Stable name, as shown to users: `"input size"`, `"nesting depth"`, `"alias expansion"`.
    pub name: &'static str,
    /// The limit, in the unit given by `unit`.
    pub limit: usize,
    /// The unit of `limit`: `"bytes"`, `"levels"`, `"nodes"`.
    pub unit: &'static str,
}

impl fmt::Display for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} budget ({} {})", self.name, self.limit, self.unit)
    }
}

/// What kind of thing a [`Diagnostic`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiagnosticKind {
    /// The text is not valid in its language (severity `Error`).
    Syntax,
    /// A work budget ran out; the value at `span` and after it is unknown (severity
    /// `Warning`).
    Budget(Budget),
    /// A mapping key given twice in one mapping; the last value is used (severity `Warning`).
    DuplicateKey,
    /// A value the data model cannot hold, e.g. a YAML `.nan` in JSON, or a merge key (`<<`)
    /// whose value is not a mapping (severity `Error`).
    Unrepresentable,
    /// A value that was converted in a documented, lossy way, e.g. a YAML sequence used as a
    /// mapping key rendered as JSON text (severity `Warning`).
    Lossy,
}

/// One thing a reader says about its input, at a 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Where it applies: line and column are 1-based, the column counts characters.
    pub span: Span,
    /// `Error` for certain faults of the input, `Warning` for budgets and likely mistakes.
    pub severity: Severity,
    /// What kind of diagnostic this is.
    pub kind: DiagnosticKind,
    /// A sentence for a person, naming the budget or quoting the offending text.
    pub message: String,
}

impl Diagnostic {
    /// A syntax error (severity `Error`).
    pub fn syntax(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(span, Severity::Error, DiagnosticKind::Syntax, message)
    }

    /// An exhausted budget (severity `Warning`); the message names the budget and its limit.
    pub fn budget(span: Span, budget: Budget, what: &str) -> Diagnostic {
        Diagnostic::new(
            span,
            Severity::Warning,
            DiagnosticKind::Budget(budget),
            format!("{what}: the {budget} is exhausted here, so the value from here on is unknown"),
        )
    }

    /// Any diagnostic.
    pub fn new(
        span: Span,
        severity: Severity,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            span,
            severity,
            kind,
            message: message.into(),
        }
    }

    /// The budget this diagnostic reports as exhausted, if any.
    pub fn budget_name(&self) -> Option<&'static str> {
        match self.kind {
            DiagnosticKind::Budget(b) => Some(b.name),
            _ => None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.span.line,
            self.span.column,
            self.severity.as_str(),
            self.message
        )
    }
}
