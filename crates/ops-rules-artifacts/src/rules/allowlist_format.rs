//! ART003: the artifacts allowlist is well-formed.

use ops_model::{CheckContext, Finding, RepoPath, Rule, RuleMeta, Severity, declare_rule};

use crate::allowlist::{self, Allowlist};

declare_rule! {
    /// Malformed, duplicate or pointless entries in the artifacts allowlist.
    pub AllowlistFormat {
        code: "ART003",
        slug: "allowlist-format",
        clause: "Any explicit exception must be listed in `configs/ops/artifacts-allowlist.txt`.",
        severity: Error,
        summary: "the artifacts allowlist holds normalized, unique, repo-relative entries",
        explanation: r#"## What

Parses `configs/ops/artifacts-allowlist.txt`: one entry per line, `#` comments (a whole
line, or after whitespace), blank lines ignored. Each entry must be

- repo-relative: not absolute (`/x`, `~/x`, `C:x`), no `..`;
- normalized: no `./`, no empty components, `/` separators, no whitespace;
- a valid path glob when it uses `*`, `?`, `[...]` or `{...}` (`*` stays inside one
  component), and not one that matches everything;
- unique: `a/` and `a` are the same entry, so the second is a duplicate; the finding names
  both lines;
- outside the reserved trees `ops/_generated_committed/`, `ops/_generated/`,
  `ops/_schemas/` and `ops/_meta/`, which hold reviewed or deterministic content, never
  runtime output.

An entry already inside `ops/_artifacts/` or `artifacts/evidence/` is reported as a
warning: it allows nothing new and hides where outputs really go.

A missing allowlist is fine: nothing is allowlisted.

## Why

Every exception to "runtime outputs under `ops/_artifacts/`" is a hole in the policy. The
list has to be exact to be reviewable, and a malformed entry silently allows nothing (or,
worse, everything).

## Fix

Rewrite the entry as the finding says, remove duplicates, and move outputs out of reserved
trees instead of allowlisting them.

## Configuration

`[artifacts] allowlist`, `generated_committed_dir`, `generated_static_dir`;
`[schema] schemas_dir`, `meta_dir`.
"#,
    }
}

impl Rule for AllowlistFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let a = &cx.contract.artifacts;
        let path = RepoPath::new(&a.allowlist);
        match cx.index.get(path.as_str()) {
            None => return Vec::new(),
            Some(e) if !e.is_file() => {
                return vec![
                    Finding::new(&Self::META, path, "the allowlist is not a regular file")
                        .help("make it a text file with one repo-relative path per line"),
                ];
            }
            Some(_) => {}
        }
        let list = Allowlist::of(cx);
        if let Some(err) = &list.read_error {
            return vec![
                Finding::new(
                    &Self::META,
                    path,
                    format!("the allowlist cannot be read: {err}"),
                )
                .help("make it a UTF-8 text file with one repo-relative path per line"),
            ];
        }

        let reserved = [
            RepoPath::new(&a.generated_committed_dir),
            RepoPath::new(&a.generated_static_dir),
            RepoPath::new(&cx.contract.schema.schemas_dir),
            RepoPath::new(cx.contract.ops_path(&cx.contract.schema.meta_dir)),
        ];
        let allowed_roots = [
            RepoPath::new(&a.evidence_root),
            RepoPath::new(&a.artifacts_root),
        ];

        let mut findings = Vec::new();
        // Only asked "seen before?" (findings keep file order): hashed, borrowed keys.
        let mut seen: hashbrown::HashMap<&str, (u32, &str)> =
            hashbrown::HashMap::with_capacity(list.raw.len());
        for raw in &list.raw {
            let text = raw.text.as_str();
            let at = |msg: String| Finding::new(&Self::META, path.clone(), msg).at_line(raw.line);
            if let Some(problem) = &raw.problem {
                findings.push(
                    at(format!("entry `{text}` {problem}"))
                        .help("write a repo-relative path such as `ops/load/cache`, one per line"),
                );
                continue;
            }
            let key = allowlist::normalized(text);
            if let Some((first_line, first_text)) = seen.get(key) {
                findings.push(
                    at(format!(
                        "duplicate entry `{text}` on line {} repeats `{first_text}` from line {first_line}",
                        raw.line
                    ))
                    .help(format!("delete line {}", raw.line)),
                );
                continue;
            }
            seen.insert(key, (raw.line, text));
            let literal = literal_dir(key);
            if let Some(tree) = reserved
                .iter()
                .find(|r| !r.is_root() && literal.starts_with(r.as_str()))
            {
                findings.push(
                    at(format!(
                        "entry `{text}` lies in the reserved tree `{tree}/`, which never holds runtime output"
                    ))
                    .help(format!(
                        "remove the entry and make the writer use {}/",
                        a.artifacts_root
                    )),
                );
            } else if let Some(root) = allowed_roots
                .iter()
                .find(|r| !r.is_root() && literal.starts_with(r.as_str()))
            {
                findings.push(
                    at(format!(
                        "entry `{text}` is already inside `{root}/`; it allows nothing"
                    ))
                    .help(format!("delete line {}", raw.line))
                    .severity(Severity::Warning),
                );
            }
        }
        findings
    }
}

/// The part of an entry before its first wildcard, as a path (`ops/_schemas/*` gives
/// `ops/_schemas`).
fn literal_dir(pattern: &str) -> RepoPath {
    match pattern.find(['*', '?', '[', '{']) {
        None => RepoPath::new(pattern),
        Some(i) => match pattern[..i].rfind('/') {
            Some(slash) => RepoPath::new(&pattern[..slash]),
            None => RepoPath::root(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    fn run(text: &str) -> Vec<String> {
        let repo = TestRepo::new().file("configs/ops/artifacts-allowlist.txt", text);
        repo.context()
            .run(&AllowlistFormat)
            .iter()
            .map(|f| format!("{}: {}", f.span.map_or(0, |s| s.line), f.message))
            .collect()
    }

    #[test]
    fn missing_or_clean_allowlist_is_fine() {
        assert!(TestRepo::new().context().run(&AllowlistFormat).is_empty());
        assert!(run("# why\nops/load/cache\nartifacts/ops/*  # comment\n\n").is_empty());
    }

    #[test]
    fn reports_malformed_entries() {
        let lines = run("/abs/path\n../up\n./a\na//b\nx[\n*\n");
        assert_eq!(lines.len(), 6, "{lines:?}");
        assert!(lines[0].starts_with("1: entry `/abs/path` is absolute"));
        assert!(lines[1].contains("contains `..`"));
        assert!(lines[2].contains("write `a`"));
        assert!(lines[3].contains("write `a/b`"));
        assert!(lines[4].contains("not a valid glob"));
        assert!(lines[5].contains("everything"));
    }

    #[test]
    fn duplicates_name_both_lines() {
        let lines = run("ops/load/cache\n# c\nops/load/cache/\n");
        assert_eq!(
            lines,
            ["3: duplicate entry `ops/load/cache/` on line 3 repeats `ops/load/cache` from line 1"]
        );
    }

    #[test]
    fn reserved_trees_and_redundant_entries() {
        let repo = TestRepo::new().file(
            "configs/ops/artifacts-allowlist.txt",
            "ops/_generated_committed/x.json\nops/_schemas/*\nops/_artifacts/k8s\n",
        );
        let findings = repo.context().run(&AllowlistFormat);
        assert_eq!(findings.len(), 3);
        assert!(
            findings[0]
                .message
                .contains("reserved tree `ops/_generated_committed/`")
        );
        assert!(
            findings[1]
                .message
                .contains("reserved tree `ops/_schemas/`")
        );
        assert!(
            findings[2]
                .message
                .contains("already inside `ops/_artifacts/`")
        );
        assert_eq!(findings[2].severity, Severity::Warning);
    }

    #[test]
    fn unreadable_allowlist_is_a_finding() {
        let repo = TestRepo::new().bytes("configs/ops/artifacts-allowlist.txt", &[0xff, b'\n']);
        let lines = repo.context().run_lines(&AllowlistFormat);
        assert_eq!(
            lines,
            [
                "configs/ops/artifacts-allowlist.txt: the allowlist cannot be read: not valid UTF-8 text"
            ]
        );
    }
}
