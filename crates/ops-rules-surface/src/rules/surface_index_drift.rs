//! SUR001: the targets listed in `ops/INDEX.md` equal the entrypoints of `surface.json`.

use hashbrown::HashSet;

use ops_model::{CheckContext, Finding, Rule, RuleMeta, Span, declare_rule};

use crate::model::{index_path, model};
use crate::surface_file::Declared;

declare_rule! {
    /// The index and the surface declaration list the same targets.
    pub SurfaceIndexDrift {
        code: "SUR001",
        slug: "surface-index-drift",
        clause: "Stable operator entrypoints are Make targets listed in `ops/INDEX.md` and declared in `ops/_meta/surface.json`.",
        severity: Error,
        summary: "the Make targets listed in ops/INDEX.md equal the entrypoints of ops/_meta/surface.json",
        budgets: ["make"],
        explanation: r#"## What

Compares two lists, in both directions:

- the `entrypoints` of `ops/_meta/surface.json` (`[surface] surface_file`), and
- the Make targets `ops/INDEX.md` lists: every `make <target>` (in prose, a code span or a
  code block) and every code span that holds exactly a target name starting with
  `[surface] target_prefix` (`` `ops-up` `` in a table row).

`surface.json` is read in the shapes real repositories use: `entrypoints` holds target names
(`"ops-up"`), objects naming one with `name` and any other keys (`{"name": "ops-up",
"domain": "stack"}`), or both; any `schema_version` (1 and 2 are both in use) and any other
top-level key are accepted. Whether the file matches its schema is SCH008's question.

An entrypoint the index does not list is reported on its line in `surface.json` (for an
object, the line of its `name`); a target
the index lists that is not declared is reported on its line in `INDEX.md`. An index that
lists none of the entrypoints (a map of directories, say) is one finding at `INDEX.md`
saying how many are missing: one cause, one finding, not one per entrypoint.

What is wrong inside `surface.json` is SCH008's to report, not this rule's: SCH008 validates
the file against the surface schema ops-check ships, so a file that cannot be read, is not
JSON, has no `entrypoints` list, lists a target twice or holds an entry that is not a target
name is one SCH008 finding. This rule reports only what SCH008 cannot see: a `surface.json`
that is not a regular file of the tree (missing, a symlink, or behind a symlinked directory,
which ops-check does not follow). Either way the other surface rules then skip quietly, so
one broken file gives one finding; select SCH008 together with the SUR rules. A missing
`ops/INDEX.md` is LAY008's finding.

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

    fn prepare(&self, cx: &CheckContext<'_>) {
        crate::model::prefetch(cx);
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let m = model(cx);
        let mut out = Vec::new();
        let decl = match &m.decl {
            Ok(decl) => decl,
            // The content of a regular file (readable, JSON, shape, duplicates) is SCH008's.
            Err(_) if cx.index.is_file(&cx.contract.surface.surface_file) => return out,
            Err(p) => {
                out.push(p.finding(&Self::META).help(
                    "declare the surface in a regular file as {\"schema_version\": 1, \"entrypoints\": [\"ops-...\"], \"deprecated\": []}",
                ));
                return out;
            }
        };
        let index = crate::model::read_index(cx);
        let (index_path, listing) = match &index {
            Ok(ok) => ok,
            // A missing index is LAY008's finding; an unreadable one is reported here.
            Err(_) if !cx.index.contains(index_path(cx).as_str()) => return out,
            Err(why) => {
                out.push(Finding::new(&Self::META, index_path(cx), why.clone()));
                return out;
            }
        };
        let mut seen = HashSet::new();
        let missing: Vec<&Declared> = decl
            .entrypoints
            .iter()
            .filter(|e| !listing.contains(&e.name) && seen.insert(e.name.as_str()))
            .collect();
        let listed_any = decl.entrypoints.iter().any(|e| listing.contains(&e.name));
        if !missing.is_empty() && !listed_any {
            // One cause (the index is not a list of entrypoints), one finding.
            out.push(
                Finding::new(
                    &Self::META,
                    index_path.clone(),
                    format!(
                        "`{index_path}` lists none of the {} entrypoints of `{}`",
                        missing.len(),
                        decl.path
                    ),
                )
                .help(format!(
                    "list every entrypoint in {index_path}, one table row each: | `{}` | what it does |",
                    missing[0].name
                )),
            );
        } else {
            for e in &missing {
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
        let mut reported = HashSet::new();
        for l in &listing.listed {
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

    /// Issue 11 item 20: an index that lists none of the entrypoints is one finding.
    #[test]
    fn an_index_listing_none_is_one_finding() {
        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", SURFACE)
            .file(
                "ops/INDEX.md",
                "# ops\n\n| [stack/](stack/) | the stack |\n",
            );
        assert_eq!(
            repo.context().run_lines(&SurfaceIndexDrift),
            [
                "ops/INDEX.md: `ops/INDEX.md` lists none of the 2 entrypoints of `ops/_meta/surface.json`"
            ]
        );
    }

    #[test]
    fn broken_declarations_are_sch008s_and_absent_ones_are_reported() {
        // Not JSON, duplicates, bad entries: SCH008 validates the file; nothing here.
        for text in [
            "{\n  \"entrypoints\": [,]\n}",
            "{\"entrypoints\": [\"ops-up\",\n\"ops-up\", 3]}",
        ] {
            let repo = TestRepo::new()
                .file("ops/_meta/surface.json", text)
                .file("ops/INDEX.md", "`ops-up`\n");
            assert_eq!(
                repo.context().run_lines(&SurfaceIndexDrift),
                Vec::<String>::new(),
                "{text}"
            );
        }

        let missing = TestRepo::new().file("ops/INDEX.md", "`ops-up`\n");
        let f = missing.context().run_lines(&SurfaceIndexDrift);
        assert_eq!(
            f,
            [
                "ops/_meta/surface.json: the surface declaration `ops/_meta/surface.json` does not exist"
            ]
        );

        let linked = TestRepo::new()
            .file("ops/INDEX.md", "`ops-up`\n")
            .file("meta/surface.json", SURFACE)
            .symlink("ops/_meta", "../meta");
        let f = linked.context().run_lines(&SurfaceIndexDrift);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].contains("`ops/_meta/surface.json` is behind a symlink: `ops/_meta` is a symlink"),
            "{f:?}"
        );
    }

    #[test]
    fn non_utf8_index() {
        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", SURFACE)
            .bytes("ops/INDEX.md", &[0xff, b'`']);
        let lines = repo.context().run_lines(&SurfaceIndexDrift);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("not valid UTF-8"), "{lines:?}");
    }
}
