//! LAY008: `ops/CONTRACT.md` and `ops/INDEX.md` exist, and the contract declares an owner and
//! a semver contract version.

use ops_model::text::numbered_lines;
use ops_model::{CheckContext, EntryKind, Finding, RepoPath, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// `ops/CONTRACT.md` and `ops/INDEX.md` exist; CONTRACT.md declares an owner and a semver
    /// contract version.
    pub ContractFiles {
        code: "LAY008",
        slug: "contract-files",
        clause: "Stable (versioned by review): `ops/CONTRACT.md`, `ops/INDEX.md`.",
        severity: Error,
        summary: "ops/CONTRACT.md and ops/INDEX.md exist; CONTRACT.md declares an owner and a semver contract version",
        explanation: r#"## What

Checks the two stable files at the top of the operations tree:

- `ops/CONTRACT.md` (`layout.contract_file`) and `ops/INDEX.md` (`layout.index_file`) exist
  and are regular files;
- `CONTRACT.md` declares an owner and a contract version, as list items in the contract's own
  format:

  ```markdown
  - Owner: `bijux-atlas-operations`
  - Contract version: `1.0.0`
  ```

  The key is matched case-insensitively, the list marker and the backticks are optional. The
  owner must not be empty; the version must be a semantic version (`MAJOR.MINOR.PATCH`, with
  optional `-pre-release` and `+build`). When `ops/` itself is missing, that is the one
  finding.

## Why

The contract is versioned by review: tools (this one included) and people decide which rules
apply by reading its version, and questions about the tree go to its owner. Without
`INDEX.md` there is no list of the stable operator entrypoints.

The check walks the tree as git would list it: a file matched by a `.gitignore` or `.ignore`
pattern is not seen, so a contract file hidden that way is reported too. When git tracks
it, the finding says that an ignore file hides it; otherwise the help says it may.

Nothing is inferred: the files and the two lines are there or not, and every finding is an
`error`.

## Fix

Create the missing file, or add the missing line to `ops/CONTRACT.md` exactly as shown above.
If the file exists but an ignore pattern hides it, remove the pattern (`ops-check check
--no-ignore` walks ignored files too).
"#,
    }
}

impl Rule for ContractFiles {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let ops = cx.contract.ops_path("");
        if !ops.is_empty() && !cx.index.is_dir(&ops) {
            return vec![
                Finding::new(
                    &Self::META,
                    ops.as_str(),
                    format!("the operations tree `{ops}/` does not exist"),
                )
                .help(format!(
                    "create `{ops}/` with `{ops}/{}` and `{ops}/{}`",
                    cx.contract.layout.contract_file, cx.contract.layout.index_file
                )),
            ];
        }
        let contract_path = RepoPath::new(cx.contract.ops_path(&cx.contract.layout.contract_file));
        let index_path = RepoPath::new(cx.contract.ops_path(&cx.contract.layout.index_file));
        let mut findings = Vec::new();
        findings.extend(missing(
            cx,
            &index_path,
            "the index of stable operator entrypoints",
        ));
        match missing(cx, &contract_path, "the Ops Contract") {
            Some(finding) => findings.push(finding),
            None => findings.extend(declarations(cx, &contract_path)),
        }
        findings
    }
}

/// A finding when `path` is absent or not a regular file.
fn missing(cx: &CheckContext<'_>, path: &RepoPath, what: &str) -> Option<Finding> {
    let problem = match cx.index.get(path.as_str()).map(|e| e.kind) {
        Some(EntryKind::File) => return None,
        // The walk honours .gitignore and .ignore: a committed file can be hidden from it.
        None if cx.git.is_some_and(|git| git.is_tracked(path)) => {
            return Some(
                Finding::new(
                    &ContractFiles::META,
                    path.clone(),
                    format!("`{path}` ({what}) is committed, but an ignore file (`.gitignore` or `.ignore`) hides it from the check"),
                )
                .help(format!(
                    "remove the pattern that matches `{path}` from the ignore file, so every rule sees it (`ops-check check --no-ignore` walks ignored files too)"
                )),
            );
        }
        None => {
            return Some(
                Finding::new(
                    &ContractFiles::META,
                    path.clone(),
                    format!("`{path}` ({what}) does not exist"),
                )
                .help(format!(
                    "create `{path}` as a regular file, reviewed like code; if it exists, a `.gitignore` or `.ignore` pattern hides it from the check: un-ignore it (`ops-check check --no-ignore` walks ignored files too)"
                )),
            );
        }
        Some(EntryKind::Dir) => "is a directory, not a file",
        Some(EntryKind::Symlink) => "is a symlink, not a regular file",
        Some(EntryKind::Other) => "is a special file, not a regular file",
    };
    Some(
        Finding::new(
            &ContractFiles::META,
            path.clone(),
            format!("`{path}` ({what}) {problem}"),
        )
        .help(format!(
            "create `{path}` as a regular file, reviewed like code"
        )),
    )
}

fn declarations(cx: &CheckContext<'_>, path: &RepoPath) -> Vec<Finding> {
    let text = match cx.files.text(path) {
        Ok(text) => text,
        Err(err) => {
            return vec![
                Finding::new(
                    &ContractFiles::META,
                    path.clone(),
                    format!("`{path}` cannot be read: {err}"),
                )
                .help("keep the contract a small UTF-8 markdown file"),
            ];
        }
    };
    let owner = declared(text, "owner");
    let version = declared(text, "contract version");
    let mut findings = Vec::new();
    match owner {
        None => findings.push(
            Finding::new(
                &ContractFiles::META,
                path.clone(),
                format!("`{path}` declares no owner"),
            )
            .help("add the line \"- Owner: `<team>`\" near the top"),
        ),
        Some((line, value)) if value.is_empty() => findings.push(
            Finding::new(
                &ContractFiles::META,
                path.clone(),
                format!("`{path}` declares an empty owner"),
            )
            .at_line(line)
            .help("name the owning team: \"- Owner: `<team>`\""),
        ),
        Some(_) => {}
    }
    match version {
        None => findings.push(
            Finding::new(&ContractFiles::META, path.clone(), format!("`{path}` declares no contract version"))
                .help(format!("add the line \"- Contract version: `{}`\" near the top", ops_model::CONTRACT_VERSION)),
        ),
        Some((line, value)) if !is_semver(&value) => findings.push(
            Finding::new(
                &ContractFiles::META,
                path.clone(),
                format!("`{path}` declares the contract version `{value}`, which is not a semantic version"),
            )
            .at_line(line)
            .help("write it as MAJOR.MINOR.PATCH, e.g. \"- Contract version: `1.0.0`\""),
        ),
        Some(_) => {}
    }
    findings
}

/// The line and value of the first `- Key: value` declaration (key case-insensitive, list
/// marker, bold and backticks optional).
fn declared(text: &str, key: &str) -> Option<(u32, String)> {
    numbered_lines(text).find_map(|(n, line)| {
        let line = line.trim_start();
        let line = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .unwrap_or(line)
            .trim_start()
            .trim_start_matches("**");
        let (name, value) = line.split_once(':')?;
        let name = name.trim().trim_end_matches("**").trim();
        if !name.eq_ignore_ascii_case(key) {
            return None;
        }
        let value = value.trim().trim_start_matches("**").trim();
        Some((n, value.trim_matches('`').trim().to_string()))
    })
}

/// `MAJOR.MINOR.PATCH[-pre][+build]`, numbers without leading zeros.
fn is_semver(text: &str) -> bool {
    let (core, build) = match text.split_once('+') {
        Some((core, build)) => (core, Some(build)),
        None => (text, None),
    };
    let (core, pre) = match core.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (core, None),
    };
    let number = |n: &str| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && (n == "0" || !n.starts_with('0'))
    };
    let ident = |s: &str| {
        !s.is_empty()
            && s.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| number(p))
        && pre.is_none_or(ident)
        && build.is_none_or(ident)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::{TestRepo, finding_lines};

    const CONTRACT: &str =
        "# Ops Contract (SSOT)\n\n- Owner: `bijux-atlas-operations`\n- Contract version: `1.0.0`\n";

    #[test]
    fn complete_files_are_fine() {
        let repo = TestRepo::new()
            .file("ops/CONTRACT.md", CONTRACT)
            .file("ops/INDEX.md", "# ops\n");
        assert!(repo.context().run(&ContractFiles).is_empty());
        let loose = "**Owner:** platform\n* contract VERSION: 2.1.0-rc.1+build.5\n";
        let repo = TestRepo::new()
            .file("ops/CONTRACT.md", loose)
            .file("ops/INDEX.md", "");
        assert!(repo.context().run(&ContractFiles).is_empty());
    }

    #[test]
    fn missing_files_are_named() {
        let repo = TestRepo::new().file("ops/k8s/x.yaml", "");
        assert_eq!(
            repo.context().run_lines(&ContractFiles),
            [
                "ops/CONTRACT.md: `ops/CONTRACT.md` (the Ops Contract) does not exist",
                "ops/INDEX.md: `ops/INDEX.md` (the index of stable operator entrypoints) does not exist",
            ]
        );
        let repo = TestRepo::new().file("README.md", "");
        assert_eq!(
            repo.context().run_lines(&ContractFiles),
            ["ops: the operations tree `ops/` does not exist"]
        );
    }

    #[test]
    fn files_hidden_by_an_ignore_file_are_named_as_such() {
        let repo = TestRepo::new()
            .file("ops/.ignore", "*\n")
            .file(
                "ops/CONTRACT.md",
                "- Owner: `ops`\n- Contract version: `1.0.0`\n",
            )
            .file("ops/INDEX.md", "x")
            .file("ops/k8s/x.yaml", "");
        let cx = repo.context().with_git(ops_model::GitFacts::from_lists(
            &["ops/CONTRACT.md", "ops/.ignore"],
            &[],
            &[],
        ));
        let findings = cx.run(&ContractFiles);
        assert_eq!(
            finding_lines(&findings),
            [
                "ops/CONTRACT.md: `ops/CONTRACT.md` (the Ops Contract) is committed, but an ignore file (`.gitignore` or `.ignore`) hides it from the check",
                "ops/INDEX.md: `ops/INDEX.md` (the index of stable operator entrypoints) does not exist",
            ]
        );
        assert!(findings[0].help.as_deref().unwrap().contains("--no-ignore"));
        // Not tracked (or no git): the help still says an ignore file may hide it.
        let help = findings[1].help.as_deref().unwrap();
        assert!(
            help.contains(".gitignore") && help.contains("--no-ignore"),
            "{help}"
        );
    }

    #[test]
    fn missing_or_bad_declarations_are_named() {
        let repo = TestRepo::new()
            .file("ops/CONTRACT.md", "# Ops\n\nSome text.\n")
            .file("ops/INDEX.md", "");
        assert_eq!(
            repo.context().run_lines(&ContractFiles),
            [
                "ops/CONTRACT.md: `ops/CONTRACT.md` declares no contract version",
                "ops/CONTRACT.md: `ops/CONTRACT.md` declares no owner",
            ]
        );
        let repo = TestRepo::new()
            .file(
                "ops/CONTRACT.md",
                "# Ops\n- Owner: ``\n- Contract version: `v1.0`\n",
            )
            .file("ops/INDEX.md", "");
        let findings = repo.context().run(&ContractFiles);
        assert_eq!(findings.len(), 2);
        assert_eq!(
            findings[0].message,
            "`ops/CONTRACT.md` declares an empty owner"
        );
        assert_eq!(findings[0].span.map(|s| s.line), Some(2));
        assert!(
            findings[1]
                .message
                .contains("`v1.0`, which is not a semantic version")
        );
        assert_eq!(findings[1].span.map(|s| s.line), Some(3));
    }

    #[test]
    fn unreadable_contract_is_a_finding() {
        let repo = TestRepo::new()
            .bytes("ops/CONTRACT.md", &[0xff, 0xfe])
            .file("ops/INDEX.md", "");
        assert_eq!(
            repo.context().run_lines(&ContractFiles),
            ["ops/CONTRACT.md: `ops/CONTRACT.md` cannot be read: not valid UTF-8 text"]
        );
        let repo = TestRepo::new()
            .file("ops/CONTRACT.md/x", "")
            .file("ops/INDEX.md", "");
        assert_eq!(
            repo.context().run_lines(&ContractFiles),
            ["ops/CONTRACT.md: `ops/CONTRACT.md` (the Ops Contract) is a directory, not a file"]
        );
    }

    #[test]
    fn semver() {
        for ok in [
            "1.0.0",
            "0.10.3",
            "1.0.0-alpha.1",
            "1.0.0+20240101",
            "10.20.30-rc-1+b.2",
        ] {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in [
            "1.0",
            "v1.0.0",
            "01.0.0",
            "1.0.0-",
            "1.0.0+",
            "1.0.0-a..b",
            "",
            "1.x.0",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
    }
}
