//! What a rule reports.

use serde::Serialize;

use crate::{RepoPath, RuleMeta, Severity};

/// A position inside a file, 1-based.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
pub struct Span {
    /// The line, from 1.
    pub line: u32,
    /// The column in characters, from 1.
    pub column: u32,
}

impl Span {
    /// A position at `line`, `column` (both from 1).
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
///
/// A finding that occurs at several positions of one file (a rule's repeats, merged by
/// [`merge_repeats`]) is one finding: `span` is its first position and `positions` lists
/// them all. The count is data, not message text, so the message (and the fingerprint and
/// baseline key made from it) stays the same when an occurrence moves, appears or goes;
/// renderers show it with [`occurrence_suffix`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's code (`LAY001`).
    pub code: &'static str,
    /// The rule's slug (`unknown-top-level`).
    pub slug: &'static str,
    /// The severity, after the config's `[severity]` overrides once the engine has run.
    pub severity: Severity,
    /// The file or directory the finding is about, relative to the checked root (the root
    /// itself for the repository as a whole).
    pub path: RepoPath,
    /// Where in the file, when the finding is about a place in it (the first place when it
    /// occurs more than once).
    pub span: Option<Span>,
    /// Every position, sorted, when the finding occurs more than once in its file (the first
    /// is `span`); empty when it occurs once.
    pub positions: Vec<Span>,
    /// What is wrong, quoting the offending value.
    pub message: String,
    /// How to fix it.
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
            positions: Vec::new(),
            message: message.into(),
            help: None,
        }
    }

    /// Places the finding at `span`.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Places the finding at the start of `line` (from 1).
    pub fn at_line(mut self, line: u32) -> Self {
        self.span = Some(Span::line(line));
        self
    }

    /// Adds how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the severity (a rule's default is its [`RuleMeta::severity`]).
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// How many times the finding occurs in its file: at least 1.
    pub fn occurrences(&self) -> usize {
        self.positions.len().max(1)
    }

    /// The message as people read it: with the [`occurrence_suffix`] when the finding
    /// occurs more than once.
    pub fn display_message(&self) -> std::borrow::Cow<'_, str> {
        match occurrence_suffix(&self.positions) {
            Some(suffix) => format!("{}{suffix}", self.message).into(),
            None => self.message.as_str().into(),
        }
    }

    /// The order findings are reported in: by path, then position, code and message.
    pub fn sort_key(&self) -> (&RepoPath, Option<Span>, &str, &str) {
        (&self.path, self.span, self.code, &self.message)
    }
}

/// How many positions a merged finding names before "and N more".
const SHOWN_POSITIONS: usize = 3;

/// How a finding at several `positions` ends when shown to people: the count and the first
/// few lines, ` (4 occurrences: lines 3, 8, 15 and 1 more)`. `None` for one position or
/// none.
pub fn occurrence_suffix(positions: &[Span]) -> Option<String> {
    if positions.len() < 2 {
        return None;
    }
    let lines: Vec<String> = positions
        .iter()
        .take(SHOWN_POSITIONS)
        .map(|s| s.line.to_string())
        .collect();
    let more = positions.len().saturating_sub(SHOWN_POSITIONS);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(format!(
        " ({} occurrences: lines {}{tail})",
        positions.len(),
        lines.join(", ")
    ))
}

/// One problem, one finding: findings of one rule that say the same thing (same code,
/// path, message, help and severity) at different positions of one file become one finding
/// at the first position, with every position in [`Finding::positions`] (shown as
/// `... (4 occurrences: lines 3, 8, 15 and 1 more)`). Findings without a position are
/// never merged with positioned ones. The result is sorted by [`Finding::sort_key`].
pub fn merge_repeats(findings: Vec<Finding>) -> Vec<Finding> {
    use std::collections::BTreeMap;
    type Key = (
        RepoPath,
        &'static str,
        String,
        Option<String>,
        Severity,
        bool,
    );
    let mut groups: BTreeMap<Key, (Finding, Vec<Span>)> = BTreeMap::new();
    for f in findings {
        let key = (
            f.path.clone(),
            f.code,
            f.message.clone(),
            f.help.clone(),
            f.severity,
            f.span.is_some(),
        );
        let mut spans: Vec<Span> = f.span.into_iter().collect();
        spans.extend(f.positions.iter().copied());
        let entry = groups.entry(key).or_insert_with(|| (f, Vec::new()));
        entry.1.extend(spans);
    }
    let mut out: Vec<Finding> = groups
        .into_values()
        .map(|(mut f, mut spans)| {
            spans.sort();
            spans.dedup();
            if let Some(first) = spans.first() {
                f.span = Some(*first);
            }
            if spans.len() > 1 {
                f.positions = spans;
            }
            f
        })
        .collect();
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    static META: RuleMeta = RuleMeta {
        code: "TST001",
        slug: "t",
        clause: "t",
        severity: Severity::Error,
        summary: "t",
        explanation: "t",
        budgets: &[],
    };

    #[test]
    fn repeats_in_one_file_are_one_finding_with_a_count() {
        let f = |path: &str, line: u32, msg: &str| Finding::new(&META, path, msg).at_line(line);
        let merged = merge_repeats(vec![
            f("a.sh", 9, "x"),
            f("a.sh", 3, "x"),
            f("a.sh", 15, "x"),
            f("a.sh", 20, "x"),
            f("a.sh", 4, "y"),
            f("b.sh", 1, "x"),
            Finding::new(&META, "a.sh", "x"),
        ]);
        let lines: Vec<String> = merged
            .iter()
            .map(|f| {
                format!(
                    "{}:{:?} {}",
                    f.path,
                    f.span.map(|s| s.line),
                    f.display_message()
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                "a.sh:None x",
                "a.sh:Some(3) x (4 occurrences: lines 3, 9, 15 and 1 more)",
                "a.sh:Some(4) y",
                "b.sh:Some(1) x",
            ]
        );
        assert_eq!(merged[1].message, "x", "the count is not message text");
        assert_eq!(merged[1].occurrences(), 4);
        assert_eq!(merged[0].occurrences(), 1);
    }
}
