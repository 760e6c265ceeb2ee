//! SUR002: every surface entrypoint has a rule in the makefiles.

use hashbrown::HashSet;

use ops_model::{CheckContext, Finding, Rule, RuleMeta, Severity, declare_rule};
use ops_syntax::make::ProblemKind;

use crate::model::model;

declare_rule! {
    /// Every declared entrypoint is a Make target with a rule.
    pub SurfaceTargetUndefined {
        code: "SUR002",
        slug: "surface-target-undefined",
        clause: "Stable operator entrypoints are Make targets listed in `ops/INDEX.md` and declared in `ops/_meta/surface.json`.",
        severity: Error,
        summary: "every surface entrypoint is a target with a rule in Makefile or a makefile it includes",
        budgets: ["make"],
        explanation: r#"## What

Every `entrypoints` name in `ops/_meta/surface.json` must be a target make can make from the
root makefile (`[surface] makefile`, default `Makefile`) and the files it includes: a target
of an explicit rule (`ops-up:`, `ops-up::`, `a b:`, grouped `ops-down &:`), or a target a
pattern rule provides (`ops-%:` provides `ops-load-spike`). The makefiles are read as GNU make
4.3 reads them: `include`, `-include` and `sinclude` followed (globs and `$(wildcard)`
expanded against the tree), variables and functions expanded, `.RECIPEPREFIX` honoured.

A name that only appears in `.PHONY` has no rule: `make ops-x` then prints "Nothing to be
done" and succeeds without doing anything, which is worse than failing. A pattern rule does
not help such a target either: make skips implicit rule search for phony targets (GNU make
manual, "Phony Targets"). Such entrypoints are reported with the `.PHONY` line.

Findings point at the entrypoint's line in `surface.json`. This rule also reports what stops
the makefiles from being read: an `include` of a file that does not exist (make stops there;
an error), include paths that use a variable or function ops-check cannot resolve (a warning:
the targets defined there are not seen), and a makefile that exists but cannot be read (not
readable by the user running ops-check, not UTF-8, over `limits.max_file_size`, or a symlink,
which ops-check does not follow; a warning).

## Why

The surface promises that `make <entrypoint>` works. A declared target without a rule breaks
that promise for every operator and CI job that relies on it.

## Fix

Add the rule, as a thin wrapper over the operator CLI:

```make
ops-up:
	./bin/atlasctl ops stack up
```

or, if the entrypoint is gone, remove it from `surface.json` and `ops/INDEX.md` (DEP002
says when a stable target may be removed). For a `.PHONY` entrypoint served by a pattern
rule, write its rule out, or drop it from `.PHONY`.

## Inference and severity

An entrypoint without a rule is an `error` only when the reader saw everything make would
see. While something hides targets from it (a makefile it cannot read, an include path it
cannot resolve, an `$(eval ...)`, a rule whose target name is not known statically, a work
budget that ran out), the entrypoints it cannot find are named in one `warning` saying they
could not be checked and why.

Variables defined nowhere are taken as unknown (the environment may set them), not empty:
`ifdef CI` and `ifeq ($(PROFILE),ci)` are read in both branches, and a rule in either counts
as defined (make may not see it, but a guess that it is undefined would be worse).
"#,
    }
}

impl Rule for SurfaceTargetUndefined {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn prepare(&self, cx: &CheckContext<'_>) {
        crate::model::prefetch(cx);
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let m = model(cx);
        let make = &m.make;
        let mut out = Vec::new();
        let root = &make.root;
        for (path, why) in make.unreadable() {
            out.push(
                Finding::new(&Self::META, path.clone(), format!("cannot read `{path}`: {why}"))
                    .severity(Severity::Warning)
                    .help(
                        "make it a regular, readable UTF-8 text file within `limits.max_file_size` \
                         (ops-check does not follow symlinks), so the targets it defines can be checked",
                    ),
            );
        }
        for p in make.db.problems() {
            let (severity, help) = match p.kind {
                // make stops at a missing include: certain.
                ProblemKind::IncludeMissing => (
                    Severity::Error,
                    "create the file or include it with `-include`",
                ),
                ProblemKind::IncludeUnresolved => (
                    Severity::Warning,
                    "include makefiles by a literal path or a glob so every target can be found",
                ),
                // Past a reader budget the value is unknown; say so once per problem, so a
                // makefile that cannot be read in full is never silently half-checked.
                ProblemKind::Budget(_) => (
                    Severity::Warning,
                    "values past the make reader's budget are unknown; simplify the makefile \
                     if a surface target depends on them",
                ),
                _ => continue,
            };
            let at = p.position.as_ref();
            let f = Finding::new(
                &Self::META,
                at.map_or_else(|| root.clone(), |p| p.file.clone()),
                p.message.clone(),
            )
            .severity(severity)
            .help(help);
            out.push(match at {
                Some(p) => f.at_line(p.line),
                None => f,
            });
        }
        let Some(decl) = m.decl() else {
            return out;
        };
        let mut seen = HashSet::new();
        let undefined: Vec<_> = decl
            .entrypoints
            .iter()
            .filter(|e| !m.is_defined(&e.name) && seen.insert(e.name.as_str()))
            .collect();
        let Some(first) = undefined.first() else {
            return out;
        };
        let root_missing = make.root_missing();
        let unseen = make.unseen();
        if !root_missing && !unseen.is_empty() {
            // They may be defined where the reader could not look: "not defined" would be a
            // guess, so say once that they could not be checked, and why.
            let names: Vec<String> = undefined.iter().map(|e| format!("`{}`", e.name)).collect();
            out.push(
                Finding::new(
                    &Self::META,
                    decl.path.clone(),
                    format!(
                        "{} entrypoint(s) could not be checked: no rule in the makefiles that \
                         were read names {}, and {}",
                        names.len(),
                        names.join(", "),
                        unseen.join("; ")
                    ),
                )
                .severity(Severity::Warning)
                .help("make every makefile readable and every include static, then check again")
                .at_line(first.line),
            );
            return out;
        }
        for e in undefined {
            let why = if root_missing {
                format!("there is no `{root}`")
            } else if let Some(p) = make.db.phony(&e.name).and_then(<[_]>::first) {
                format!(
                    "it is only listed in `.PHONY` at {p}, so `make {}` silently does nothing",
                    e.name
                )
            } else {
                format!("no rule in `{root}` or the makefiles it includes names it")
            };
            out.push(
                Finding::new(
                    &Self::META,
                    decl.path.clone(),
                    format!("entrypoint `{}` is not a defined Make target: {why}", e.name),
                )
                .help(format!(
                    "add a rule `{}:` whose recipe calls the operator CLI, or remove the entrypoint from {} and the index",
                    e.name, decl.path
                ))
                .at_line(e.line),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    const SURFACE: &str = "{\n  \"entrypoints\": [\n    \"ops-up\",\n    \"ops-down\"\n  ]\n}\n";

    #[test]
    fn defined_targets_are_clean() {
        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", SURFACE)
            .file("Makefile", "include makefiles/*.mk\n")
            .file(
                "makefiles/ops.mk",
                ".PHONY: ops-up ops-down\nops-up ops-down::\n\t./bin/atlasctl ops stack $@\n",
            );
        assert!(repo.context().run(&SurfaceTargetUndefined).is_empty());
    }

    #[test]
    fn phony_only_and_missing_targets_name_surface_lines() {
        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", SURFACE)
            .file(
                "Makefile",
                ".PHONY: ops-up ops-down\n\nops-up:\n\t./bin/atlasctl ops stack up\n",
            );
        let f = repo.context().run(&SurfaceTargetUndefined);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path.as_str(), "ops/_meta/surface.json");
        assert_eq!(f[0].span.map(|s| s.line), Some(4));
        assert!(
            f[0].message.contains("`ops-down`") && f[0].message.contains("`.PHONY` at Makefile:1"),
            "{}",
            f[0].message
        );
    }

    /// A pattern rule provides a target unless it is `.PHONY` (GNU make 4.3, manual 4.6).
    #[test]
    fn pattern_rules_define_targets_that_are_not_phony() {
        let mk = "ops-%:\n\t./bin/atlasctl ops $(subst -, ,$*)\n";
        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", SURFACE)
            .file("Makefile", mk);
        assert_eq!(
            repo.context().run_lines(&SurfaceTargetUndefined),
            Vec::<String>::new()
        );
        let repo = repo.file("Makefile", &format!(".PHONY: ops-down\n{mk}"));
        assert_eq!(
            repo.context().run_lines(&SurfaceTargetUndefined),
            [
                "ops/_meta/surface.json: entrypoint `ops-down` is not a defined Make target: it is \
              only listed in `.PHONY` at Makefile:1, so `make ops-down` silently does nothing"
            ]
        );
    }

    #[test]
    fn missing_makefile_and_include_problems() {
        let repo = TestRepo::new().file("ops/_meta/surface.json", SURFACE);
        let f = repo.context().run_lines(&SurfaceTargetUndefined);
        assert_eq!(f.len(), 2);
        assert!(f[0].ends_with("there is no `Makefile`"), "{f:?}");

        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", "{\"entrypoints\": []}")
            .file("Makefile", "include $(OPS_MK)\ninclude gone.mk\n");
        let f = repo.context().run(&SurfaceTargetUndefined);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.span.map(|s| s.line), f.severity))
            .collect();
        assert_eq!(
            got,
            [(Some(1), Severity::Warning), (Some(2), Severity::Error)]
        );
    }

    #[test]
    fn an_unreadable_makefile_is_one_warning_and_its_targets_are_not_guessed() {
        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", SURFACE)
            .file("Makefile", "include makefiles/*.mk\n")
            .bytes("makefiles/ops.mk", &[0xff, b'\n']);
        let f = repo.context().run(&SurfaceTargetUndefined);
        let got: Vec<_> = f
            .iter()
            .map(|f| {
                (
                    f.path.as_str(),
                    f.severity,
                    f.message.as_str(),
                    f.help.as_deref(),
                )
            })
            .collect();
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[0].0, "makefiles/ops.mk");
        assert_eq!(got[0].1, Severity::Warning);
        assert!(
            got[0]
                .2
                .contains("cannot read `makefiles/ops.mk`: not valid UTF-8 text"),
            "{got:#?}"
        );
        assert!(got[0].3.is_some_and(|h| h.contains("readable")), "{got:#?}");
        assert_eq!(got[1].0, "ops/_meta/surface.json");
        assert_eq!(got[1].1, Severity::Warning);
        assert_eq!(
            got[1].2,
            "2 entrypoint(s) could not be checked: no rule in the makefiles that were read \
             names `ops-up`, `ops-down`, and `makefiles/ops.mk` cannot be read (not valid \
             UTF-8 text)"
        );
    }
}
