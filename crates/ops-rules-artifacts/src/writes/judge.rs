//! From write sites to ART009 findings: where each target resolves, whether it may be
//! written there, and one finding per place to fix.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use ops_model::{CheckContext, FileKind, Finding, RepoPath, RuleMeta, Severity};
use regex::Regex;

use super::{Certainty, Resolved, Site, Via, Vocabulary, abbreviate, json_keys, resolve};
use crate::generated;
use crate::placement::Placement;

/// Names of the Python calls that write ([`ops_syntax::python::writes`]).
const PYTHON_WRITES: &[&str] = &[
    "open", "write_", "touch", "mkdir", "makedirs", "copy", "move", "ZipFile",
];

/// What ART009 needs from the config and the tree, built once per run.
pub struct Setup {
    pub vocab: Vocabulary,
    pub placement: Placement,
    /// Where generators write (left to ART004/ART010).
    homes: Vec<RepoPath>,
    /// Trees whose files are outputs or schemas, not writers.
    pub not_writers: Vec<RepoPath>,
    /// The trees read (`[artifacts] write_scan_roots`).
    pub roots: Vec<RepoPath>,
    /// First components that make a relative path a repository path.
    tops: BTreeSet<String>,
    /// Any output word, without regard to case: a manifest without one names no output.
    output_word: Option<Regex>,
    /// Where writes may go, as findings say it ([`Placement::describe`]): made once, not
    /// for each file with write sites (12,000 `format!` calls at 20,000 files, for a few
    /// hundred findings).
    outside: String,
}

impl Setup {
    pub fn of(cx: &CheckContext<'_>) -> Arc<Setup> {
        cx.shared.get_or_init(|| Setup::build(cx))
    }

    fn build(cx: &CheckContext<'_>) -> Setup {
        let a = &cx.contract.artifacts;
        let placement = Placement::of(cx);
        let homes = generated::generated_homes(cx);
        let mut not_writers = homes.clone();
        not_writers.push(placement.evidence_root.clone());
        not_writers.push(RepoPath::new(&cx.contract.schema.schemas_dir));
        not_writers.retain(|p| !p.is_root());
        let mut tops: BTreeSet<String> = a
            .artifact_dir_names
            .iter()
            .chain(&a.evidence_dir_names)
            .cloned()
            .collect();
        for root in [&placement.evidence_root, &placement.artifacts_root] {
            tops.extend(root.components().take(1).map(str::to_string));
        }
        tops.extend(
            RepoPath::new(&cx.contract.ops_root)
                .components()
                .take(1)
                .map(str::to_string),
        );
        tops.extend(cx.index.children("").map(|e| e.path.as_str().to_string()));
        let words: Vec<String> = a
            .output_name_words
            .iter()
            .filter(|w| !w.is_empty())
            .map(|w| regex::escape(w))
            .collect();
        // The prefilter holds only while every `output_keys` pattern spells an output word.
        let output_word = (!words.is_empty()
            && a.output_keys
                .patterns()
                .iter()
                .all(|p| spells_a_word(p, &a.output_name_words)))
        .then(|| Regex::new(&format!("(?i){}", words.join("|"))).ok())
        .flatten();
        Setup {
            output_word,
            outside: placement.describe(),
            vocab: Vocabulary::of(a),
            placement,
            homes,
            not_writers,
            roots: a.write_scan_roots.iter().map(RepoPath::new).collect(),
            tops,
        }
    }

    /// Whether a file under `path` is read for writes.
    pub fn reads(&self, path: &RepoPath) -> bool {
        self.roots
            .iter()
            .any(|r| r.is_root() || path.starts_with(r.as_str()))
            && !self
                .not_writers
                .iter()
                .any(|n| path.starts_with(n.as_str()))
    }

    /// Whether a file of `kind` with `text` may hold a write site at all; the readers are
    /// not run on one that cannot (most files of a large tree).
    pub fn may_write(&self, kind: FileKind, text: &str) -> bool {
        match kind {
            FileKind::Shell => super::tools::shell_may_write(text),
            FileKind::Python => PYTHON_WRITES.iter().any(|w| text.contains(w)),
            // A JSON text's keys are found by a byte scan (a large JSON file of other keys
            // is not composed into YAML nodes); a key decides, not a word in a value.
            FileKind::Json => json_keys::any_key(text, |k| self.vocab.output_key(k).is_some())
                .unwrap_or_else(|| self.output_word.as_ref().is_none_or(|r| r.is_match(text))),
            FileKind::Yaml => self.output_word.as_ref().is_none_or(|r| r.is_match(text)),
            FileKind::Make => super::make::may_write(text, &self.vocab),
            _ => true,
        }
    }

    fn resolve(&self, site: &Site, dir: &RepoPath) -> Option<Resolved> {
        resolve(&site.value, &site.cwd, dir, &|c| self.tops.contains(c))
    }

    /// Whether a resolved target may be written: inside an allowed place or a generated
    /// home, or a directory on the way to one (nothing below it can be judged).
    fn allowed(&self, r: &Resolved) -> bool {
        let p = &r.path;
        let homes = &self.homes;
        self.placement.allows(p).is_some()
            || homes.iter().any(|h| p.starts_with(h.as_str()))
            || self.placement.contains_allowed(p)
            || homes.iter().any(|h| h != p && h.starts_with(p.as_str()))
    }

    /// The findings for the write sites of the file `path`.
    pub fn judge(
        &self,
        meta: &'static RuleMeta,
        allowlist: &str,
        path: &RepoPath,
        sites: &[Site],
    ) -> Vec<Finding> {
        let dir = path.parent().unwrap_or_default();
        let outside = &self.outside;
        let mut findings = Vec::new();
        // Writes through one assignment are one place to fix: the assignment.
        let mut through: BTreeMap<&Via, Vec<(&Site, Resolved)>> = BTreeMap::new();
        let mut written: BTreeSet<(&str, u32)> = BTreeSet::new();
        for site in sites.iter().filter(|s| s.certainty == Certainty::Writes) {
            if let Some(via) = &site.via {
                written.insert((via.name.as_str(), via.line));
            }
            let Some(r) = self.resolve(site, &dir) else {
                continue;
            };
            if self.allowed(&r) {
                continue;
            }
            match &site.via {
                Some(via) => through.entry(via).or_default().push((site, r)),
                None => {
                    let shown = r.shown();
                    let written_as = match abbreviate(&site.raw) {
                        raw if raw.trim_matches('"') == shown => String::new(),
                        raw => format!(" (written `{raw}`)"),
                    };
                    findings.push(self.finding(
                        meta,
                        path,
                        site.line,
                        format!(
                            "{} writes `{shown}`{written_as}, outside {outside}",
                            site.what
                        ),
                        &r,
                        allowlist,
                    ));
                }
            }
        }
        for (via, writes) in through {
            let assigned = sites.iter().find(|s| {
                s.certainty == Certainty::Named
                    && s.line == via.line
                    && s.name.as_deref() == Some(via.name.as_str())
            });
            let r = assigned
                .and_then(|s| self.resolve(s, &dir))
                .filter(|r| !self.allowed(r))
                .unwrap_or_else(|| writes[0].1.clone());
            let by: Vec<String> = writes
                .iter()
                .map(|(s, _)| format!("{} (line {})", s.what, s.line))
                .collect();
            findings.push(self.finding(
                meta,
                path,
                via.line,
                format!(
                    "`{}` holds `{}` and is written by {}, outside {outside}",
                    via.name,
                    r.shown(),
                    by.join(", ")
                ),
                &r,
                allowlist,
            ));
        }
        for site in sites.iter().filter(|s| s.certainty != Certainty::Writes) {
            if site
                .name
                .as_deref()
                .is_some_and(|n| written.contains(&(n, site.line)))
            {
                continue;
            }
            let Some(r) = self.resolve(site, &dir) else {
                continue;
            };
            if self.allowed(&r) {
                continue;
            }
            let shown = r.shown();
            let (message, severity) = match (&site.name, site.certainty) {
                (Some(name), _) => (
                    format!(
                        "`{name}` is named like an output location and holds `{shown}`, outside {outside}"
                    ),
                    Severity::Warning,
                ),
                (None, Certainty::Stated) => (
                    format!(
                        "{} names the output `{shown}`, outside {outside}",
                        site.what
                    ),
                    Severity::Error,
                ),
                (None, _) => (
                    format!(
                        "{} is named like an output and holds `{shown}`, outside {outside}",
                        site.what
                    ),
                    Severity::Warning,
                ),
            };
            findings.push(
                self.finding(meta, path, site.line, message, &r, allowlist)
                    .severity(severity),
            );
        }
        findings
    }

    fn finding(
        &self,
        meta: &'static RuleMeta,
        path: &RepoPath,
        line: u32,
        message: String,
        r: &Resolved,
        allowlist: &str,
    ) -> Finding {
        let p = &self.placement;
        Finding::new(meta, path.clone(), message)
            .at_line(line)
            .help(format!(
                "write under {}/ (evidence: {}/), or list `{}` in {allowlist} with the reason",
                p.artifacts_root, p.evidence_root, r.path
            ))
    }
}

/// Whether every name `pattern` (an `[artifacts] output_keys` glob) matches holds one of
/// `words` (ASCII case aside): some word is inside a literal run of the pattern. A class
/// or an alternation (`[ab]`, `{a,b}`) is not read: such a pattern answers no.
fn spells_a_word(pattern: &str, words: &[String]) -> bool {
    if pattern.contains(['[', '{']) {
        return false;
    }
    pattern.split(['*', '?', '\\']).any(|run| {
        let run = run.to_ascii_lowercase();
        words
            .iter()
            .any(|w| !w.is_empty() && run.contains(&w.to_ascii_lowercase()))
    })
}

#[cfg(test)]
mod tests {
    use super::spells_a_word;

    #[test]
    fn a_pattern_spells_a_word_only_in_a_literal_run() {
        let words = ["out".to_string(), "report".to_string()];
        assert!(spells_a_word("*_out_dir", &words));
        assert!(spells_a_word("reportDir", &words));
        assert!(spells_a_word("OUTPUT", &words));
        assert!(!spells_a_word("dest", &words));
        assert!(!spells_a_word("o*t", &words));
        assert!(!spells_a_word("[o]ut", &words));
        assert!(!spells_a_word("{out,dest}", &words));
    }
}
