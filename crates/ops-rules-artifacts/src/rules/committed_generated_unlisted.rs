//! ART007: no generated file outside the committed-generated list is committed.

use std::collections::{BTreeMap, BTreeSet};

use ops_model::{
    CheckContext, FileInfo, Finding, RepoPath, Rule, RuleMeta, ScanOutput, SourceFile, declare_rule,
};

use crate::generated::committed_dirs as generated_dirs;
use crate::generated::header;
use crate::notes;

declare_rule! {
    /// A generated output that is committed but not on the committed-generated list.
    pub CommittedGeneratedUnlisted {
        code: "ART007",
        slug: "committed-generated-unlisted",
        clause: "Non-listed generated outputs are ephemeral and must be cleaned.",
        severity: Error,
        summary: "no generated file outside the list is committed under ops/_examples/ or docs/_generated/ops-*",
        explanation: r#"## What

Everything under `ops/_examples/` and every `docs/_generated/ops-*` file is a generated
output, and so is any other file of those directories whose generated-file header names a
source under `ops/` (`docs/_generated/alert-rules.md` starting with `<!-- Generated from
ops/obs/alerts/rules.json. Do not edit. -->`): the header says it is generated, and from the
ops tree, whatever its name. Only the files of the committed-generated list (see ART006) may
be committed there; any other such file tracked by git is reported. `INDEX.md`,
`README.md`, `.gitignore` and placeholder files document or keep the directory and are not
outputs.

Outside a git work tree (or without git) the rule says so once, at `info`, and reports the
unlisted generated files that exist (and are not ignored).

## Why

A generated file that is not on the list has no generator anyone maintains: it drifts, and
readers cannot tell it from the real examples. Non-listed outputs are ephemeral: they may
exist in a work tree, ignored or untracked, but are never committed.

## Fix

Delete it from the repository with `git rm <path>` (or `git rm --cached <path>` to keep the
local copy as an untracked file), or, if it is meant to be committed, add it to
`[artifacts] committed_generated` (and to the contract's list). `ops-check clean` never
touches a tracked file, so it cannot do the first step for you; once the file is untracked,
it removes it when the file is ignored or carries a generated-file marker.

## Configuration

`[artifacts] committed_generated`, `committed_generated_dirs` (`dir:glob`, the glob matched
against the path inside the directory), and the header settings of ART004
(`generated_markers`, `generated_header_starts`, `marker_lines`).

## Heuristics

The glob of `docs/_generated:ops-*` keeps other generated docs (an API reference another
tool writes into `docs/_generated/`) out of the ops contract; a header naming an `ops/`
source brings a file back in, because then the ops tree is what it is generated from.
"#,
    }
}

/// A generated-file header naming an ops source, kept by the scan.
struct OpsHeader {
    line: u32,
    source: String,
}

impl Rule for CommittedGeneratedUnlisted {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let path = file.path();
        cx.contract
            .artifacts
            .committed_generated_dirs
            .iter()
            .any(|d| generated_dirs::beside(d, path))
    }

    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let Ok(text) = file.text() else {
            return;
        };
        let a = &cx.contract.artifacts;
        if let Some(h) = header::header_with(text, file.kind(), a, &header::Markers::of(cx))
            && h.json_key.is_none()
            && let Some(source) = generated_dirs::ops_source(&h.text, &cx.contract.ops_root)
        {
            out.keep(OpsHeader {
                line: h.line,
                source,
            });
        }
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let a = &cx.contract.artifacts;
        let dirs = &a.committed_generated_dirs;
        let listed: BTreeSet<RepoPath> = a.committed_generated.iter().map(RepoPath::new).collect();
        let headers: BTreeMap<&RepoPath, &OpsHeader> = cx.facts(&Self::META).collect();
        let mut findings = Vec::new();
        // With git: what is tracked (even if deleted from the work tree). Without: what exists.
        // Borrowed, not copied: a copy of every tracked path was 7 MiB of the peak at
        // 100,000 files (heaptrack).
        let candidates: Vec<&RepoPath> = match cx.git {
            Some(git) => git.tracked().iter().collect(),
            None => {
                findings.push(notes::no_git(
                    &Self::META,
                    "reported unlisted generated files that exist, not only committed ones",
                ));
                cx.index.files().map(|e| &e.path).collect()
            }
        };
        let verb = if cx.git.is_some() {
            "is committed"
        } else {
            "exists"
        };
        let help = |path: &RepoPath| {
            format!(
                "delete it with `git rm {path}`, or, if it is meant to be committed, add it to [artifacts] committed_generated"
            )
        };
        for path in candidates {
            if listed.contains(path) {
                continue;
            }
            if let Some(dir) = dirs.iter().find(|d| generated_dirs::holds(d, path)) {
                findings.push(
                    Finding::new(
                        &Self::META,
                        path.clone(),
                        format!(
                            "generated output `{path}` {verb} but is not on the committed-generated list (`{}/` matches `{}`)",
                            dir.dir, dir.glob
                        ),
                    )
                    .help(help(path)),
                );
            } else if let Some(h) = headers.get(&path) {
                findings.push(
                    Finding::new(
                        &Self::META,
                        path.clone(),
                        format!(
                            "generated output `{path}` {verb} but is not on the committed-generated list (its header says it is generated from `{}`)",
                            h.source
                        ),
                    )
                    .at_line(h.line)
                    .help(help(path)),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::GitFacts;
    use ops_model::testing::TestRepo;

    #[test]
    fn listed_and_untracked_files_are_fine() {
        let repo = TestRepo::new()
            .file("ops/_examples/report.example.json", "{}")
            .file("ops/_examples/INDEX.md", "")
            .file("ops/_examples/scratch.json", "{}")
            .file("docs/_generated/other.md", "");
        let cx = repo.context().with_git(GitFacts::from_lists(
            &[
                "ops/_examples/report.example.json",
                "ops/_examples/INDEX.md",
                "docs/_generated/other.md",
            ],
            &["ops/_examples/scratch.json"],
            &[],
        ));
        assert!(cx.run(&CommittedGeneratedUnlisted).is_empty());
    }

    #[test]
    fn reports_committed_unlisted_outputs() {
        let repo = TestRepo::new().file("ops/_examples/report.local.json", "{}");
        let cx = repo.context().with_git(GitFacts::from_lists(
            &[
                "ops/_examples/report.local.json",
                "ops/_examples/sub/deep.json",
                "docs/_generated/ops-extra.md",
            ],
            &[],
            &[],
        ));
        let lines = cx.run_lines(&CommittedGeneratedUnlisted);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(
            lines[0],
            "docs/_generated/ops-extra.md: generated output `docs/_generated/ops-extra.md` is committed but is not on the committed-generated list (`docs/_generated/` matches `ops-*`)"
        );
        // `ops-check clean` never removes a tracked file: the help must not promise it.
        let findings = cx.run(&CommittedGeneratedUnlisted);
        assert_eq!(
            findings[0].help.as_deref(),
            Some(
                "delete it with `git rm docs/_generated/ops-extra.md`, or, if it is meant to be committed, add it to [artifacts] committed_generated"
            )
        );
    }

    #[test]
    fn without_git_reports_existing_files() {
        let repo = TestRepo::new()
            .file("ops/_examples/report.example.json", "{}")
            .file("ops/_examples/report.local.json", "{}");
        let findings = repo.context().run(&CommittedGeneratedUnlisted);
        assert_eq!(findings.len(), 2);
        assert!(findings[0].message.contains("not a git work tree"));
        assert!(
            findings[1]
                .message
                .contains("`ops/_examples/report.local.json` exists")
        );
    }

    #[test]
    fn a_generated_ops_doc_beside_the_glob_is_in_scope() {
        let repo = TestRepo::new()
            .file(
                "docs/_generated/alert-rules.md",
                "<!-- Generated from ops/obs/alerts/rules.json. Do not edit. -->\n# atlas alert rules\n",
            )
            .file(
                "docs/_generated/api.md",
                "<!-- Generated by cargo doc from crates/api. Do not edit. -->\n",
            )
            .file("docs/_generated/notes.md", "See ops/obs/alerts/rules.json.\n")
            .git_commit_all();
        let cx = crate::test_support::open(&repo);
        let findings = cx.run(&CommittedGeneratedUnlisted);
        let got: Vec<String> = findings
            .iter()
            .map(|f| format!("{}:{:?}: {}", f.path, f.span.map(|s| s.line), f.message))
            .collect();
        assert_eq!(
            got,
            [
                "docs/_generated/alert-rules.md:Some(1): generated output `docs/_generated/alert-rules.md` is committed but is not on the committed-generated list (its header says it is generated from `ops/obs/alerts/rules.json`)"
            ]
        );
    }
}
