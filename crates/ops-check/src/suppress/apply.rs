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
    // The selectors of one comment or config entry that matched nothing although a rule
    // they name ran.
    let unused_of = |sels: &'_ [Sel]| -> Vec<String> {
        sels.iter()
            .filter(|s| !s.used && ran(s))
            .map(|s| s.text.clone())
            .collect()
    };
    for c in &comments {
        let unused = unused_of(&c.selectors);
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
        let unused = unused_of(sels);
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
fn quoted(items: &[impl AsRef<str>]) -> String {
    items
        .iter()
        .map(|i| format!("`{}`", i.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
#[path = "apply_tests.rs"]
mod tests;
