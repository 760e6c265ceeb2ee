//! What a rule reports.

use serde::Serialize;

use crate::{RepoPath, RuleMeta, Severity};

/// A position inside a file, 1-based.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
pub struct Span {
    pub line: u32,
    pub column: u32,
}

impl Span {
    pub fn new(line: u32, column: u32) -> Self {
        Span { line, column }
    }

    /// The start of a 1-based line.
    pub fn line(line: u32) -> Self {
        Span { line, column: 1 }
    }
}

/// One way in which the repository breaks the contract.
///
/// `message` says what is wrong and quotes the offending value; `help` says what to do about
/// it, concretely ("move it to artifacts/evidence/").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub slug: &'static str,
    pub severity: Severity,
    pub path: RepoPath,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
}

impl Finding {
    /// A finding of the rule described by `meta`, at its default severity.
    pub fn new(
        meta: &'static RuleMeta,
        path: impl Into<RepoPath>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            code: meta.code,
            slug: meta.slug,
            severity: meta.severity,
            path: path.into(),
            span: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn at_line(mut self, line: u32) -> Self {
        self.span = Some(Span::line(line));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The order findings are reported in: by path, then position, code and message.
    pub fn sort_key(&self) -> (&RepoPath, Option<Span>, &str, &str) {
        (&self.path, self.span, self.code, &self.message)
    }
}
