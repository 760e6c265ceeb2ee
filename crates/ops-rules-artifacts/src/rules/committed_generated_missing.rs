//! ART006: every file on the committed-generated list exists and is committed.

use ops_model::{CheckContext, Finding, RepoPath, Rule, RuleMeta, declare_rule};

use crate::notes;

declare_rule! {
    /// A file on the committed-generated list is missing or not committed.
    pub CommittedGeneratedMissing {
        code: "ART006",
        slug: "committed-generated-missing",
        clause: "Committed generated files policy: commit `ops/_examples/report.example.json`, `ops/_examples/report.unified.example.json`, `docs/_generated/ops-surface.md`, `docs/_generated/ops-contracts.md`, `docs/_generated/ops-schemas.md`.",
        severity: Error,
        summary: "each file on the committed-generated list exists and is tracked by git",
        explanation: r#"## What

Every file of the committed-generated list (`ops/_examples/report.example.json`,
`ops/_examples/report.unified.example.json`, `docs/_generated/ops-surface.md`,
`docs/_generated/ops-contracts.md`, `docs/_generated/ops-schemas.md` by default) must exist
as a regular file and, when the root is inside a git work tree, be tracked by git.

Outside a git work tree (or without git) the rule says so once, at `info`, and checks
existence only.

## Why

These files are the reviewed, rebuildable face of the contract: example reports that
consumers code against and the generated operator docs. A listed file that is missing or
only exists in one person's work tree breaks every other checkout.

## Fix

Regenerate the file (`ops-check gen` for the docs, the report example from its generator)
and `git add` it. A file ignored by `.gitignore` counts as missing here: un-ignore it.

## Configuration

`[artifacts] committed_generated`.
"#,
    }
}

impl Rule for CommittedGeneratedMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        if cx.git.is_none() {
            findings.push(notes::no_git(
                &Self::META,
                "checked that committed generated files exist, not that they are tracked",
            ));
        }
        for listed in &cx.contract.artifacts.committed_generated {
            let path = RepoPath::new(listed);
            match cx.index.get(path.as_str()) {
                None => findings.push(
                    Finding::new(
                        &Self::META,
                        path.clone(),
                        format!("committed generated file `{path}` is missing"),
                    )
                    .help(format!(
                        "regenerate `{path}` and commit it (if .gitignore hides it, un-ignore it)"
                    )),
                ),
                Some(entry) if !entry.is_file() => findings.push(
                    Finding::new(
                        &Self::META,
                        path.clone(),
                        format!("committed generated file `{path}` is not a regular file"),
                    )
                    .help(format!("replace `{path}` with the generated file itself")),
                ),
                Some(_) => {
                    if let Some(git) = cx.git
                        && !git.is_tracked(&path)
                    {
                        findings.push(
                            Finding::new(
                                &Self::META,
                                path.clone(),
                                format!(
                                    "committed generated file `{path}` exists but is not tracked by git"
                                ),
                            )
                            .help(format!("git add {path}")),
                        );
                    }
                }
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;
    use ops_model::{GitFacts, Severity};

    const LISTED: [&str; 5] = [
        "ops/_examples/report.example.json",
        "ops/_examples/report.unified.example.json",
        "docs/_generated/ops-surface.md",
        "docs/_generated/ops-contracts.md",
        "docs/_generated/ops-schemas.md",
    ];

    fn full_repo() -> TestRepo {
        LISTED.iter().fold(TestRepo::new(), |r, p| r.file(p, "x"))
    }

    #[test]
    fn all_present_and_tracked_is_clean() {
        let cx = full_repo()
            .context()
            .with_git(GitFacts::from_lists(&LISTED, &[], &[]));
        assert!(cx.run(&CommittedGeneratedMissing).is_empty());
    }

    #[test]
    fn reports_missing_and_untracked() {
        let repo = TestRepo::new()
            .file(LISTED[0], "x")
            .file(LISTED[1], "x")
            .file(LISTED[2], "x")
            .dir(LISTED[3]);
        let cx = repo
            .context()
            .with_git(GitFacts::from_lists(&LISTED[..2], &[], &[]));
        assert_eq!(
            cx.run_lines(&CommittedGeneratedMissing),
            [
                "docs/_generated/ops-contracts.md: committed generated file `docs/_generated/ops-contracts.md` is not a regular file",
                "docs/_generated/ops-schemas.md: committed generated file `docs/_generated/ops-schemas.md` is missing",
                "docs/_generated/ops-surface.md: committed generated file `docs/_generated/ops-surface.md` exists but is not tracked by git",
            ]
        );
    }

    #[test]
    fn without_git_says_so_once_and_checks_existence() {
        let repo = TestRepo::new().file(LISTED[0], "x");
        let findings = repo.context().run(&CommittedGeneratedMissing);
        assert_eq!(findings.len(), 5);
        assert_eq!(findings[0].severity, Severity::Info);
        assert!(findings[0].message.contains("not a git work tree"));
        assert!(
            findings[1..]
                .iter()
                .all(|f| f.message.ends_with("is missing"))
        );
    }
}
