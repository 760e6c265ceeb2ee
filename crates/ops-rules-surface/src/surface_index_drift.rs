//! SUR001: the targets listed in `ops/INDEX.md` equal the entrypoints of `surface.json`.

use std::collections::BTreeSet;

use ops_model::{CheckContext, Finding, Rule, RuleMeta, Span, declare_rule};

use crate::model::model;

declare_rule! {
    /// The index and the surface declaration list the same targets.
    pub SurfaceIndexDrift {
        code: "SUR001",
        slug: "surface-index-drift",
        clause: "Stable operator entrypoints are Make targets listed in `ops/INDEX.md` and declared in `ops/_meta/surface.json`.",
        severity: Error,
        summary: "the Make targets listed in ops/INDEX.md equal the entrypoints of ops/_meta/surface.json",
        explanation: r#"## What

Compares two lists, in both directions:

- the `entrypoints` of `ops/_meta/surface.json` (`[surface] surface_file`), and
- the Make targets `ops/INDEX.md` lists: every `make <target>` (in prose, a code span or a
  code block) and every code span that holds exactly a target name starting with
  `[surface] target_prefix` (`` `ops-up` `` in a table row).

An entrypoint the index does not list is reported on its line in `surface.json`; a target
the index lists that is not declared is reported on its line in `INDEX.md`. A target declared
twice in `surface.json` is reported on its second line.

This rule also reports a `surface.json` that is missing, is not JSON, or does not have an
`entrypoints` list (the other surface rules then skip quietly, so one broken file gives one
finding). A missing `ops/INDEX.md` is LAY008's finding.

## Why

Operators learn the surface from `INDEX.md`; automation reads `surface.json`. When the two
disagree, one of them is lying: a documented target that tooling does not know about, or a
stable target nobody can find.

## Fix

Add the missing row to `ops/INDEX.md` (for example `` | `ops-up` | bring up the stack | ``), or
add the target to `entrypoints` in `surface.json`, or remove it from both when it is gone
(see DEP002 for removing a stable target).

## Heuristics

Only code spans that are exactly a prefixed name count (`` `ops-up` ``); paths such as
`` `ops/_meta/surface.json` `` and placeholders such as `make <target>` do not. A retired
target that the index must still mention should be written without backticks and without
`make`.
"#,
    }
}

impl Rule for SurfaceIndexDrift {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let m = model(cx);
        let mut out = Vec::new();
        let decl = match &m.decl {
            Ok(decl) => decl,
            Err(p) => {
                out.push(p.finding(&Self::META).help(
                    "declare the surface as {\"schema_version\": 1, \"entrypoints\": [\"ops-...\"], \"deprecated\": []}",
                ));
                return out;
            }
        };
        for p in &m.decl_problems {
            out.push(p.finding(&Self::META).help(
                "every entry of `entrypoints` is a target name string; every `deprecated` entry has a `target`",
            ));
        }
        let mut seen = BTreeSet::new();
        for e in &decl.entrypoints {
            if !seen.insert(e.name.as_str()) {
                out.push(
                    Finding::new(
                        &Self::META,
                        decl.path.clone(),
                        format!("entrypoint `{}` is declared more than once", e.name),
                    )
                    .help("keep one entry per target")
                    .at_line(e.line),
                );
            }
        }
        let (index_path, listed) = match &m.index {
            Ok(ok) => ok,
            // A missing index is LAY008's finding; an unreadable one is reported here.
            Err(_) if !cx.index.contains(crate::model::index_path(cx).as_str()) => return out,
            Err(why) => {
                out.push(Finding::new(
                    &Self::META,
                    crate::model::index_path(cx),
                    why.clone(),
                ));
                return out;
            }
        };
        let listed_names: BTreeSet<&str> = listed.iter().map(|l| l.name.as_str()).collect();
        let mut missing = BTreeSet::new();
        for e in &decl.entrypoints {
            if !listed_names.contains(e.name.as_str()) && missing.insert(e.name.as_str()) {
                out.push(
                    Finding::new(
                        &Self::META,
                        decl.path.clone(),
                        format!("entrypoint `{}` is not listed in `{index_path}`", e.name),
                    )
                    .help(format!(
                        "add a row for `{}` to {index_path}, or remove it from `entrypoints`",
                        e.name
                    ))
                    .at_line(e.line),
                );
            }
        }
        let mut reported = BTreeSet::new();
        for l in listed {
            if !decl.is_entrypoint(&l.name) && reported.insert(l.name.as_str()) {
                out.push(
                    Finding::new(
                        &Self::META,
                        index_path.clone(),
                        format!(
                            "`{}` is listed as a Make target but is not an entrypoint in `{}`",
                            l.name, decl.path
                        ),
                    )
                    .help(format!(
                        "add `{}` to `entrypoints` in {}, or remove it from the index",
                        l.name, decl.path
                    ))
                    .at(Span::new(l.line, l.column)),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    const SURFACE: &str = "{\n  \"schema_version\": 1,\n  \"entrypoints\": [\n    \"ops-up\",\n    \"ops-down\"\n  ],\n  \"deprecated\": []\n}\n";

    #[test]
    fn conforming_index_is_clean() {
        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", SURFACE)
            .file("ops/INDEX.md", "# ops\n\n| `ops-up` | up |\n\nAlso `make ops-down`. See `ops/_meta/surface.json`.\n");
        assert!(repo.context().run(&SurfaceIndexDrift).is_empty());
    }

    #[test]
    fn drift_is_reported_both_ways_with_lines() {
        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", SURFACE)
            .file(
                "ops/INDEX.md",
                "# ops\n\n| `ops-up` | up |\n| `ops-extra` | ? |\n",
            );
        let findings = repo.context().run(&SurfaceIndexDrift);
        let got: Vec<_> = findings
            .iter()
            .map(|f| format!("{}:{}: {}", f.path, f.span.map_or(0, |s| s.line), f.message))
            .collect();
        assert_eq!(
            got,
            [
                "ops/INDEX.md:4: `ops-extra` is listed as a Make target but is not an entrypoint in `ops/_meta/surface.json`",
                "ops/_meta/surface.json:5: entrypoint `ops-down` is not listed in `ops/INDEX.md`",
            ]
        );
    }

    #[test]
    fn broken_declarations_are_one_finding() {
        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", "{\n  \"entrypoints\": [,]\n}")
            .file("ops/INDEX.md", "`ops-up`\n");
        let f = repo.context().run(&SurfaceIndexDrift);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("not valid JSON"), "{}", f[0].message);
        assert_eq!(f[0].span.map(|s| s.line), Some(2));

        let missing = TestRepo::new().file("ops/INDEX.md", "`ops-up`\n");
        let f = missing.context().run_lines(&SurfaceIndexDrift);
        assert_eq!(
            f,
            [
                "ops/_meta/surface.json: the surface declaration `ops/_meta/surface.json` does not exist"
            ]
        );
    }

    #[test]
    fn duplicates_and_non_utf8_index() {
        let repo = TestRepo::new()
            .file(
                "ops/_meta/surface.json",
                "{\"entrypoints\": [\"ops-up\",\n\"ops-up\"]}",
            )
            .bytes("ops/INDEX.md", &[0xff, b'`']);
        let lines = repo.context().run_lines(&SurfaceIndexDrift);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].contains("not valid UTF-8"), "{lines:?}");
        assert!(lines[1].contains("more than once"));
    }
}
