//! Applying suppressions to a run's findings, and judging the suppressions.
//!
//! A rule finding is suppressed, in this order, by an `ignore-file` comment in its file, by
//! `ignore` comments on the lines it occurs on (a finding that occurs on several lines
//! loses the suppressed occurrences; it is suppressed when none is left), or by a
//! `[[suppress]]` entry covering its path. The engine's own findings (OPS) are never
//! suppressed. Each selector of each suppression remembers whether it suppressed something:
//! one that did not, although a rule it names ran, is reported (OPS003); one that names no
//! rule at all is reported as invalid (OPS004).

use std::collections::BTreeMap;

use ops_model::contract::Suppression;
use ops_model::{Finding, RepoPath, RuleMeta, Selector, Span};
use ops_report::{SuppressionInfo, SuppressionKind};

use super::comment::{Directive, Scope};
use crate::registry::{INVALID_SUPPRESSION, UNUSED_SUPPRESSION, is_engine_code};

/// What the suppressions are judged against.
pub struct Context<'a> {
    /// Every rule the engine knows, selected or not: a selector that matches none of them
    /// is a typo.
    pub known: &'a [&'static RuleMeta],
    /// The rules that ran: a selector is judged unused only when one of its rules ran.
    pub ran: &'a [&'static RuleMeta],
    /// The config's `[[suppress]]` entries.
    pub config: &'a [Suppression],
    /// The config file relative to the checked root, when it lies inside it.
    pub config_path: Option<RepoPath>,
    /// The line of each entry in the config file, when known.
    pub config_lines: Vec<Option<u32>>,
}

/// The findings after suppression.
#[derive(Default)]
pub struct Outcome {
    /// Findings still reported.
    pub kept: Vec<Finding>,
    /// Suppressed findings, with why.
    pub suppressed: Vec<(Finding, SuppressionInfo)>,
    /// What the suppressions themselves deserve: unused (OPS003) and invalid (OPS004) ones.
    pub diagnostics: Vec<Finding>,
}

/// One selector of a suppression, and whether it suppressed anything.
struct Sel {
    selector: Selector,
    text: String,
    used: bool,
}

impl Sel {
    fn matches(&self, meta: &RuleMeta) -> bool {
        self.selector.matches(meta)
    }
}

struct Inline {
    path: RepoPath,
    directive: Directive,
    selectors: Vec<Sel>,
}

/// The finding with these positions: the first is its span; several are its positions.
fn at_positions(mut f: Finding, positions: Vec<Span>) -> Finding {
    f.span = positions.first().copied().or(f.span);
    f.positions = if positions.len() > 1 {
        positions
    } else {
        Vec::new()
    };
    f
}

/// Applies `inline` (per file, from the scanner) and the config's entries to `findings`.
pub fn apply(
    findings: Vec<Finding>,
    inline: Vec<(RepoPath, Vec<Directive>)>,
    cx: &Context<'_>,
) -> Outcome {
    let mut out = Outcome::default();
    let candidates: Vec<&str> = cx.known.iter().flat_map(|m| [m.code, m.slug]).collect();

    // Inline suppressions, their selectors checked against the known rules.
    let mut comments: Vec<Inline> = Vec::new();
    for (path, directives) in inline {
        for directive in directives {
            let mut selectors = Vec::new();
            for text in &directive.selectors {
                let selector = Selector::new(text);
                if selector.matches_any(cx.known) {
                    selectors.push(Sel {
                        selector,
                        text: text.clone(),
                        used: false,
                    });
                } else {
                    let hint = ops_model::suggest::hint(text, candidates.iter().copied());
                    out.diagnostics.push(
                        Finding::new(
                            &INVALID_SUPPRESSION,
                            path.clone(),
                            format!("`{text}` in a suppression is not a rule code, name or group prefix{hint}"),
                        )
                        .at(Span::new(directive.line, directive.column))
                        .help("`ops-check rules` lists the rules"),
                    );
                }
            }
            comments.push(Inline {
                path: path.clone(),
                directive,
                selectors,
            });
        }
    }
    let mut by_path: BTreeMap<RepoPath, Vec<usize>> = BTreeMap::new();
    for (i, c) in comments.iter().enumerate() {
        by_path.entry(c.path.clone()).or_default().push(i);
    }
    let mut entries: Vec<Vec<Sel>> = cx
        .config
        .iter()
        .map(|e| {
            e.rules
                .iter()
                .map(|r| Sel {
                    selector: Selector::new(r),
                    text: r.clone(),
                    used: false,
                })
                .collect()
        })
        .collect();
    let meta_of = |code: &str| cx.ran.iter().copied().find(|m| m.code == code);

    for f in findings {
        let Some(meta) = meta_of(f.code).filter(|_| !is_engine_code(f.code)) else {
            out.kept.push(f);
            continue;
        };
        let here: &[usize] = by_path.get(&f.path).map_or(&[], Vec::as_slice);

        // A comment of the kind `file_wide` that covers `line` and names the rule, marked
        // used.
        let claim = |file_wide: bool, line: u32, comments: &mut Vec<Inline>| -> Option<usize> {
            for &i in here {
                let c = &mut comments[i];
                if (c.directive.scope == Scope::File) != file_wide
                    || !c.directive.scope.covers(line)
                {
                    continue;
                }
                if let Some(sel) = c.selectors.iter_mut().find(|s| s.matches(meta)) {
                    sel.used = true;
                    return Some(i);
                }
            }
            None
        };
        let inline_info = |c: &Inline| SuppressionInfo {
            kind: SuppressionKind::Inline,
            reason: c.directive.reason.clone(),
            path: Some(c.path.clone()),
            line: Some(c.directive.line),
        };

        if let Some(i) = claim(true, 0, &mut comments) {
            out.suppressed.push((f, inline_info(&comments[i])));
            continue;
        }
        let positions: Vec<Span> = if f.positions.is_empty() {
            f.span.into_iter().collect()
        } else {
            f.positions.clone()
        };
        let mut remaining = Vec::new();
        let mut by_comment: BTreeMap<usize, Vec<Span>> = BTreeMap::new();
        for span in positions.iter().copied() {
            match claim(false, span.line, &mut comments) {
                Some(i) => by_comment.entry(i).or_default().push(span),
                None => remaining.push(span),
            }
        }
        for (i, spans) in by_comment.iter() {
            let part = at_positions(f.clone(), spans.clone());
            out.suppressed.push((part, inline_info(&comments[*i])));
        }
        if !by_comment.is_empty() && remaining.is_empty() {
            continue;
        }
        let f = if by_comment.is_empty() {
            f
        } else {
            at_positions(f, remaining)
        };

        let entry = cx
            .config
            .iter()
            .zip(entries.iter_mut())
            .enumerate()
            .find_map(|(n, (entry, sels))| {
                if !entry.covers(&f.path) {
                    return None;
                }
                let sel = sels.iter_mut().find(|s| s.matches(meta))?;
                sel.used = true;
                Some((n, entry))
            });
        match entry {
            Some((n, entry)) => {
                let info = SuppressionInfo {
                    kind: SuppressionKind::Config,
                    reason: entry.reason.clone(),
                    path: cx.config_path.clone(),
                    line: cx.config_lines.get(n).copied().flatten(),
                };
                out.suppressed.push((f, info));
            }
            None => out.kept.push(f),
        }
    }

    // Unused selectors, when one of their rules ran.
    let ran = |sel: &Sel| cx.ran.iter().any(|m| sel.matches(m));
    for c in &comments {
        let unused: Vec<&str> = c
            .selectors
            .iter()
            .filter(|s| !s.used && ran(s))
            .map(|s| s.text.as_str())
            .collect();
        if unused.is_empty() {
            continue;
        }
        let place = match c.directive.scope {
            Scope::File => "in this file".to_string(),
            Scope::Lines(first, last) if first == last => format!("on line {first}"),
            Scope::Lines(first, last) => format!("on lines {first}-{last}"),
        };
        out.diagnostics.push(
            Finding::new(
                &UNUSED_SUPPRESSION,
                c.path.clone(),
                format!(
                    "suppression of {} suppresses nothing: no such finding {place}",
                    quoted(&unused)
                ),
            )
            .at(Span::new(c.directive.line, c.directive.column))
            .help("remove it (or the rules it no longer needs); if the finding moved, move the comment with it"),
        );
    }
    for (n, (entry, sels)) in cx.config.iter().zip(&entries).enumerate() {
        let unused: Vec<&str> = sels
            .iter()
            .filter(|s| !s.used && ran(s))
            .map(|s| s.text.as_str())
            .collect();
        if unused.is_empty() {
            continue;
        }
        let mut finding = Finding::new(
            &UNUSED_SUPPRESSION,
            cx.config_path.clone().unwrap_or_else(RepoPath::root),
            format!(
                "[[suppress]] entry {} (paths {}) suppresses nothing for {}",
                n + 1,
                quoted(
                    &entry
                        .paths
                        .patterns()
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                ),
                quoted(&unused)
            ),
        )
        .help("remove the entry (or the rules it no longer needs) from the config");
        if let Some(line) = cx.config_lines.get(n).copied().flatten() {
            finding = finding.at_line(line);
        }
        out.diagnostics.push(finding);
    }
    out
}

/// `` `a`, `b` ``.
fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::Severity;
    use ops_model::contract::PathGlobs;

    static A: RuleMeta = RuleMeta {
        code: "TST001",
        slug: "aaa",
        clause: "t",
        severity: Severity::Error,
        summary: "t",
        explanation: "t",
        budgets: &[],
    };
    static B: RuleMeta = RuleMeta {
        code: "TST002",
        slug: "bbb",
        clause: "t",
        severity: Severity::Error,
        summary: "t",
        explanation: "t",
        budgets: &[],
    };

    fn directive(line: u32, scope: Scope, selectors: &[&str]) -> Directive {
        Directive {
            line,
            column: 1,
            scope,
            selectors: selectors.iter().map(|s| (*s).to_string()).collect(),
            reason: format!("reason {line}"),
        }
    }

    fn entry(paths: &[&str], rules: &[&str]) -> Suppression {
        let paths: Vec<String> = paths.iter().map(|p| (*p).to_string()).collect();
        Suppression {
            paths: PathGlobs::new(&paths).unwrap_or_default(),
            rules: rules.iter().map(|r| (*r).to_string()).collect(),
            reason: "vendored".into(),
        }
    }

    fn run(
        findings: Vec<Finding>,
        inline: Vec<(RepoPath, Vec<Directive>)>,
        config: &[Suppression],
        ran: &[&'static RuleMeta],
    ) -> Outcome {
        let cx = Context {
            known: &[&A, &B],
            ran,
            config,
            config_path: Some(RepoPath::new("ops-check.toml")),
            config_lines: config
                .iter()
                .enumerate()
                .map(|(i, _)| Some(10 + i as u32))
                .collect(),
        };
        apply(findings, inline, &cx)
    }

    fn lines(findings: &[Finding]) -> Vec<String> {
        findings
            .iter()
            .map(|f| {
                format!(
                    "{} {}:{:?} {}",
                    f.code,
                    f.path,
                    f.span.map(|s| s.line),
                    f.display_message()
                )
            })
            .collect()
    }

    #[test]
    fn comments_suppress_their_lines_and_files_and_leave_the_rest() {
        let mut repeated = Finding::new(&A, "x.sh", "dup").at_line(3);
        repeated.positions = vec![Span::line(3), Span::line(7), Span::line(9)];
        let out = run(
            vec![
                repeated,
                Finding::new(&B, "x.sh", "b").at_line(7),
                Finding::new(&A, "y.sh", "whole file"),
            ],
            vec![
                (
                    RepoPath::new("x.sh"),
                    vec![directive(6, Scope::Lines(7, 7), &["aaa", "TST002"])],
                ),
                (
                    RepoPath::new("y.sh"),
                    vec![directive(1, Scope::File, &["TST"])],
                ),
            ],
            &[],
            &[&A, &B],
        );
        assert_eq!(
            lines(&out.kept),
            ["TST001 x.sh:Some(3) dup (2 occurrences: lines 3, 9)"]
        );
        let suppressed: Vec<String> = out
            .suppressed
            .iter()
            .map(|(f, info)| {
                format!(
                    "{} {}:{:?} {}",
                    f.code,
                    f.path,
                    f.span.map(|s| s.line),
                    info.reason
                )
            })
            .collect();
        assert_eq!(
            suppressed,
            [
                "TST001 x.sh:Some(7) reason 6",
                "TST002 x.sh:Some(7) reason 6",
                "TST001 y.sh:None reason 1",
            ]
        );
        assert!(out.diagnostics.is_empty(), "{:?}", lines(&out.diagnostics));
    }

    #[test]
    fn config_entries_suppress_by_path_and_rule() {
        let out = run(
            vec![
                Finding::new(&A, "ops/vendor/a.sh", "a"),
                Finding::new(&A, "ops/vendor", "the directory"),
                Finding::new(&B, "ops/vendor/a.sh", "b"),
                Finding::new(&A, "ops/k8s/a.sh", "elsewhere"),
            ],
            Vec::new(),
            &[entry(&["ops/vendor/**"], &["TST001"])],
            &[&A, &B],
        );
        assert_eq!(
            lines(&out.kept),
            [
                "TST002 ops/vendor/a.sh:None b",
                "TST001 ops/k8s/a.sh:None elsewhere"
            ]
        );
        assert_eq!(out.suppressed.len(), 2);
        let info = &out.suppressed[0].1;
        assert_eq!(info.kind, SuppressionKind::Config);
        assert_eq!(
            (info.path.as_ref().map(|p| p.as_str()), info.line),
            (Some("ops-check.toml"), Some(10))
        );
    }

    #[test]
    fn unused_and_unknown_suppressions_are_reported_when_judged() {
        let out = run(
            vec![Finding::new(&A, "x.sh", "a").at_line(2)],
            vec![(
                RepoPath::new("x.sh"),
                vec![
                    directive(1, Scope::Lines(2, 2), &["TST001", "TST002"]),
                    directive(5, Scope::Lines(6, 6), &["TST9"]),
                ],
            )],
            &[
                entry(&["nothing/**"], &["TST001"]),
                entry(&["x.sh"], &["TST002"]),
            ],
            &[&A],
        );
        assert_eq!(out.suppressed.len(), 1);
        // TST002 did not run: neither its comment selector nor its entry is judged.
        assert_eq!(
            lines(&out.diagnostics),
            [
                "OPS004 x.sh:Some(5) `TST9` in a suppression is not a rule code, name or group prefix; did you mean `TST001`?",
                "OPS003 ops-check.toml:Some(10) [[suppress]] entry 1 (paths `nothing/**`) suppresses nothing for `TST001`",
            ]
        );
        let out = run(
            Vec::new(),
            vec![(
                RepoPath::new("x.sh"),
                vec![directive(1, Scope::Lines(2, 2), &["TST001"])],
            )],
            &[],
            &[&A],
        );
        assert_eq!(
            lines(&out.diagnostics),
            [
                "OPS003 x.sh:Some(1) suppression of `TST001` suppresses nothing: no such finding on line 2"
            ]
        );
    }
}
