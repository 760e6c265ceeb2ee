//! SUR005: the committed generated ops docs (and the surface lock) equal what `gen` renders.

use ops_model::{CheckContext, Finding, ReadError, Rule, RuleMeta, Severity, declare_rule};

use crate::render::{render_generated, same_text};

declare_rule! {
    /// Generated ops docs are up to date.
    pub GeneratedDocsDrift {
        code: "SUR005",
        slug: "generated-docs-drift",
        clause: "Removal requires updating `ops/_meta/surface.json`, `ops/INDEX.md`, and generated ops docs.",
        severity: Error,
        summary: "docs/_generated/ops-{surface,contracts,schemas}.md and the surface lock equal what `ops-check gen` renders now",
        explanation: r#"## What

Renders what `ops-check gen` would write, with the same code, and compares it byte for byte
with the committed files:

- `docs/_generated/ops-surface.md` (`[surface] generated_surface_doc`): the entrypoints,
  the commands their recipes run, the deprecations;
- `docs/_generated/ops-contracts.md` (`generated_contracts_doc`): every `CONTRACT.md`
  under `ops/` with its title, owner and version;
- `docs/_generated/ops-schemas.md` (`generated_schemas_doc`): every schema with its
  version, `$id`, required keys and bound manifests;
- the surface lock (`[surface] surface_lock`): its entry for the current release must
  record the current surface (earlier releases are history and are kept as they are).

A missing file is reported; a stale one is reported at its first differing line with the
expected and the committed text. Line endings do not count: a checkout that turned LF into
CRLF (`core.autocrlf` on Windows) is not drift. When the only difference left is invisible
(a byte order mark, trailing whitespace, a stray carriage return, the final newline), the
message says so instead of quoting two lines that look the same.

When a file cannot be rendered because an input it renders from cannot be read or parsed (a
schema that is not JSON, an unreadable `CONTRACT.md` or makefile, a manifest that does not
parse), this rule cannot compare it and says so in a warning naming the input; `ops-check
gen` refuses to write it for the same reason. When the cause is the surface declaration,
the lock or the release, the rule that owns it reports it (SCH008 or SUR001 for
`surface.json`, DEP002 for the lock and the release) and this rule skips that file.

## Why

The generated docs are how people read the surface without reading makefiles. A stale page
documents targets that no longer exist, or hides ones that do; a stale lock makes the next
release's removal check (DEP002) judge against the wrong history.

## Fix

Run `ops-check gen` and commit the result. `ops-check gen --check` shows the diff without
writing anything. Do not edit the generated files by hand.
"#,
    }
}

impl Rule for GeneratedDocsDrift {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let rendered = render_generated(cx);
        let mut out = Vec::new();
        for p in rendered.problems.iter().filter(|p| !p.reported_elsewhere) {
            out.push(
                Finding::new(
                    &Self::META,
                    p.path.clone(),
                    format!(
                        "cannot compare `{}` with what `ops-check gen` renders: {}",
                        p.path, p.message
                    ),
                )
                .severity(Severity::Warning)
                .help("fix the input named here, then run `ops-check gen` and commit the result"),
            );
        }
        for file in &rendered.files {
            let path = &file.path;
            // Byte-equal means the byte order mark too, which `text` leaves out.
            let committed = match cx.files.bytes(path).and_then(|b| {
                let text = std::str::from_utf8(b).map_err(|_| ReadError::NotUtf8)?;
                Ok(text)
            }) {
                Ok(t) => t,
                Err(ReadError::Missing) => {
                    out.push(
                        Finding::new(
                            &Self::META,
                            path.clone(),
                            format!("`{path}` does not exist"),
                        )
                        .help("run `ops-check gen` and commit the result"),
                    );
                    continue;
                }
                Err(e) => {
                    out.push(
                        Finding::new(
                            &Self::META,
                            path.clone(),
                            format!("cannot read `{path}`: {e}"),
                        )
                        .help("run `ops-check gen` to rewrite it"),
                    );
                    continue;
                }
            };
            if same_text(committed, &file.content) {
                continue;
            }
            let normalized = committed.replace("\r\n", "\n");
            let (line, expected, found) = first_difference(&normalized, &file.content);
            let message = match invisible_difference(expected, found, line == 1) {
                Some(what) => format!(
                    "`{path}` differs from what `ops-check gen` renders only in invisible \
                     characters: line {line} has {what}"
                ),
                None => {
                    let show = |l: Option<&str>| {
                        l.map_or("the end of the file".to_string(), |l| {
                            format!("{:?}", l.trim_end_matches('\n'))
                        })
                    };
                    format!(
                        "`{path}` differs from what `ops-check gen` renders: line {line} should be {}, found {}",
                        show(expected),
                        show(found)
                    )
                }
            };
            out.push(
                Finding::new(&Self::META, path.clone(), message)
                .help("run `ops-check gen` (or `ops-check gen --check` to see the diff) and commit the result")
                .at_line(line),
            );
        }
        out
    }
}

/// The first differing line (1-based), with the rendered and the committed text there, each
/// with its newline.
fn first_difference<'a>(
    committed: &'a str,
    rendered: &'a str,
) -> (u32, Option<&'a str>, Option<&'a str>) {
    let mut c = committed.split_inclusive('\n');
    let mut r = rendered.split_inclusive('\n');
    let mut n = 1u32;
    loop {
        match (c.next(), r.next()) {
            (Some(a), Some(b)) if a == b => n += 1,
            (a, b) => return (n, b, a),
        }
    }
}

/// What makes two lines differ when it cannot be seen: a byte order mark (first line only),
/// a carriage return, trailing whitespace, the final newline. `None` when the difference is
/// visible.
fn invisible_difference(
    expected: Option<&str>,
    found: Option<&str>,
    first: bool,
) -> Option<String> {
    let (expected, found) = (expected?, found?);
    let bom = first && found.starts_with('\u{feff}');
    let found = if bom { &found[3..] } else { found };
    let mut what = Vec::new();
    if bom {
        what.push("a byte order mark (U+FEFF) at the start of the file");
    }
    if found != expected {
        let body = |l: &'_ str| l.trim_end_matches(['\n', '\r']).to_string();
        if body(found) == body(expected) {
            what.push(if found.ends_with('\n') == expected.ends_with('\n') {
                "a carriage return (\\r) at the end of the line"
            } else {
                "a different final newline"
            });
        } else if found.trim_end() == expected.trim_end() {
            what.push("trailing whitespace");
        } else {
            return None;
        }
    }
    (!what.is_empty()).then(|| what.join(" and "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::render_generated;
    use ops_model::testing::TestRepo;

    fn base() -> TestRepo {
        TestRepo::new()
            .file(
                "ops/CONTRACT.md",
                "# Ops\n\n- Owner: `team`\n- Contract version: `1.0.0`\n",
            )
            .file(
                "ops/_meta/surface.json",
                "{\"schema_version\": 1, \"entrypoints\": [\"ops-up\"], \"deprecated\": []}",
            )
            .file("ops/INDEX.md", "`ops-up`\n")
            .file("Makefile", "ops-up:\n\t./bin/atlasctl ops stack up\n")
    }

    /// Writes what gen renders into the repo, as `gen` would.
    fn generated(repo: TestRepo) -> TestRepo {
        let files = render_generated(&repo.context().cx()).files;
        files
            .into_iter()
            .fold(repo, |r, f| r.file(f.path.as_str(), &f.content))
    }

    #[test]
    fn rendered_files_are_clean_and_stable() {
        let repo = generated(base());
        assert_eq!(
            repo.context().run_lines(&GeneratedDocsDrift),
            Vec::<String>::new()
        );
        let again = render_generated(&repo.context().cx());
        assert!(again.problems.is_empty(), "{:?}", again.problems);
    }

    #[test]
    fn missing_and_stale_files() {
        let repo = generated(base())
            .file(
                "docs/_generated/ops-surface.md",
                "# ops surface\n\nhand edit\n",
            )
            .file(
                "Makefile",
                "ops-up:\n\t./bin/atlasctl ops stack up --fast\n",
            );
        let f = repo.context().run(&GeneratedDocsDrift);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].span.map(|s| s.line), Some(3));
        assert!(
            f[0].message.contains("found \"hand edit\""),
            "{}",
            f[0].message
        );

        let lines = base().context().run_lines(&GeneratedDocsDrift);
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines.iter().all(|l| l.ends_with("does not exist")));
    }

    #[test]
    fn first_difference_positions() {
        assert_eq!(
            first_difference("a\nb\n", "a\nc\n"),
            (2, Some("c\n"), Some("b\n"))
        );
        assert_eq!(first_difference("a\n", "a\nb\n"), (2, Some("b\n"), None));
    }

    #[test]
    fn crlf_is_not_drift_and_invisible_differences_are_named() {
        let repo = generated(base());
        let path = "docs/_generated/ops-surface.md";
        let lf = render_generated(&repo.context().cx())
            .files
            .into_iter()
            .find(|f| f.path.as_str() == path)
            .unwrap()
            .content;
        let crlf = repo.file(path, &lf.replace('\n', "\r\n"));
        assert_eq!(
            crlf.context().run_lines(&GeneratedDocsDrift),
            Vec::<String>::new()
        );

        let cases = [
            (
                format!("\u{feff}{lf}"),
                "line 1 has a byte order mark (U+FEFF) at the start of the file",
            ),
            (
                lf.replacen("\n", " \n", 1),
                "line 1 has trailing whitespace",
            ),
            (
                lf.replacen("\n", "\r\r\n", 1),
                "line 1 has a carriage return (\\r) at the end of the line",
            ),
            (
                lf.trim_end_matches('\n').to_string(),
                "has a different final newline",
            ),
        ];
        for (text, expected) in cases {
            let lines = generated(base())
                .file(path, &text)
                .context()
                .run_lines(&GeneratedDocsDrift);
            assert_eq!(lines.len(), 1, "{lines:?}");
            assert!(
                lines[0].contains("only in invisible characters"),
                "{lines:?}"
            );
            assert!(lines[0].ends_with(expected), "{lines:?}");
        }
    }

    #[test]
    fn inputs_that_cannot_be_read_are_a_warning_not_drift() {
        let repo =
            generated(base()).file("ops/_schemas/load/baseline.v1.schema.json", "{\"type\": ");
        let f = repo.context().run(&GeneratedDocsDrift);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(
            f[0].message,
            "cannot compare `docs/_generated/ops-schemas.md` with what `ops-check gen` renders: \
             `ops/_schemas/load/baseline.v1.schema.json` is not valid JSON at 1:9: EOF while parsing a value"
        );

        // A broken surface declaration is SCH008's to report: nothing here.
        let repo = generated(base()).file("ops/_meta/surface.json", "{");
        assert_eq!(
            repo.context().run_lines(&GeneratedDocsDrift),
            Vec::<String>::new()
        );
    }
}
