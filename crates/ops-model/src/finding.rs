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

/// How many positions a merged finding names before "and N more".
const SHOWN_POSITIONS: usize = 3;

/// One problem, one finding: findings of one rule that say the same thing (same code,
/// path, message, help and severity) at different positions of one file become one finding
/// at the first position, whose message ends with the count and the first few lines:
/// `... (4 occurrences: lines 3, 8, 15 and 1 more)`. Findings without a position are
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
        let span = f.span;
        let entry = groups.entry(key).or_insert_with(|| (f, Vec::new()));
        if let Some(span) = span {
            entry.1.push(span);
        }
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
                let lines: Vec<String> = spans
                    .iter()
                    .take(SHOWN_POSITIONS)
                    .map(|s| s.line.to_string())
                    .collect();
                let more = spans.len().saturating_sub(SHOWN_POSITIONS);
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                f.message = format!(
                    "{} ({} occurrences: lines {}{tail})",
                    f.message,
                    spans.len(),
                    lines.join(", ")
                );
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
            .map(|f| format!("{}:{:?} {}", f.path, f.span.map(|s| s.line), f.message))
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
    }
}
