//! DEP001: what is deprecated tells its users where to go.

use ops_model::{
    CheckContext, FileInfo, Finding, RepoPath, Rule, RuleMeta, ScanOutput, SourceFile, declare_rule,
};

use ops_syntax::parsed;

use crate::guidance::{self, Guidance};
use crate::index_md::is_target_name;
use crate::model::model;
use crate::surface_file::SurfaceDecl;

declare_rule! {
    /// Deprecated scripts and targets print migration guidance.
    pub DeprecatedWithoutGuidance {
        code: "DEP001",
        slug: "deprecated-without-guidance",
        clause: "Deprecated scripts must print migration guidance and point to canonical Make targets.",
        severity: Error,
        summary: "a deprecated script or entrypoint prints migration guidance to stderr naming a canonical `make ops-*` target",
        budgets: ["shell", "make", "python"],
        explanation: r#"## What

A script below `ops/` (`.sh`, `.bash`, `.zsh`, `.ksh`, `.py`) is deprecated when its header
comment (the comment lines at the top, after the shebang) contains the word
`[surface] deprecated_marker` (default `DEPRECATED`). It must print guidance **to stderr**
that names `make <target>` for a canonical target: an entrypoint of the surface that is not
itself deprecated.

Guidance is a line that names `make ops-...` and prints to stderr: `echo`/`printf` with
`>&2` (or `1>&2`, `>/dev/stderr`), the body of a `cat >&2 <<EOF` heredoc, a call of a
helper whose name contains `warn` or `deprecat` (`deprecation_notice "make ops-up"`), or in
Python `print(..., file=sys.stderr)`, `sys.stderr.write(...)`, `warnings.warn(...)`.

What `surface.json` lists under `deprecated` is a Make target (its schema, checked by
SCH008, allows only target names there). Such a deprecated *entrypoint* must name a
`replacement` that is a canonical entrypoint, and its recipe must print the same kind of
guidance (`@echo "ops-old is deprecated: use make ops-new" >&2`): the target is how
operators reach the deprecated behaviour, so it is where they must see the warning.

## Why

A deprecation that nobody sees is a removal with a delay. Users of the old script or target
must learn, when they run it, which stable target replaces it; on stderr, so that scripts
parsing stdout do not break.

## Fix

Print the guidance before doing anything else:

```sh
echo "stack-up.sh is deprecated; run: make ops-up" >&2
```

and name a target from `ops/_meta/surface.json` that is not deprecated.
"#,
    }
}

const SCRIPT_EXTENSIONS: &[&str] = &["sh", "bash", "zsh", "ksh", "py"];

/// What the scan keeps of a deprecated script: the marker's line and its printing lines.
struct Deprecated {
    marker: u32,
    lines: Vec<Guidance>,
}

impl Rule for DeprecatedWithoutGuidance {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let path = file.path();
        path.starts_with(&cx.contract.ops_root)
            && path
                .extension()
                .is_some_and(|e| SCRIPT_EXTENSIONS.contains(&e))
    }

    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let Ok(text) = file.text() else {
            return;
        };
        let Some(marker) =
            guidance::header_marker(text, file.kind(), &cx.contract.surface.deprecated_marker)
        else {
            return;
        };
        let lines = if file.path().extension() == Some("py") {
            match parsed::python(file) {
                Ok(module) => guidance::python(&module),
                Err(_) => return,
            }
        } else {
            match parsed::shell(file) {
                Ok(script) => guidance::script(&script, 1),
                Err(_) => return,
            }
        };
        out.keep(Deprecated { marker, lines });
    }

    fn prepare(&self, cx: &CheckContext<'_>) {
        crate::model::prefetch(cx);
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let m = model(cx);
        let Some(decl) = m.decl() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (path, d) in cx.facts::<Deprecated>(&Self::META) {
            if let Some(f) = judge(cx, decl, path, &d.lines, d.marker, "deprecated script") {
                out.push(f);
            }
        }
        for d in &decl.deprecated {
            if !decl.is_entrypoint(&d.target) {
                continue; // a removed target: DEP002
            }
            match d.replacement.as_deref() {
                None => out.push(
                    Finding::new(
                        &Self::META,
                        decl.path.clone(),
                        format!("deprecated entrypoint `{}` names no replacement", d.target),
                    )
                    .help("add `\"replacement\": \"ops-...\"` naming the canonical target")
                    .at_line(d.line),
                ),
                Some(r) if !decl.is_canonical(r) || r == d.target => out.push(
                    Finding::new(
                        &Self::META,
                        decl.path.clone(),
                        format!(
                            "deprecated entrypoint `{}` names replacement `{r}`, which is not a canonical entrypoint (declared and not deprecated)",
                            d.target
                        ),
                    )
                    .help("name a target from `entrypoints` that is not deprecated")
                    .at_line(d.line),
                ),
                Some(_) => {}
            }
            for rule in m.rules_for(&d.target).iter() {
                let lines: Vec<Guidance> = rule
                    .recipe
                    .iter()
                    .flat_map(|l| guidance::shell(l.command(), l.position.line))
                    .collect();
                let what = format!("recipe of deprecated entrypoint `{}`", d.target);
                let (file, line) = (&rule.position.file, rule.position.line);
                if let Some(f) = judge(cx, decl, file, &lines, line, &what) {
                    out.push(f);
                }
            }
        }
        out
    }
}

/// The verdict for one deprecated thing: `None` when some stderr guidance names a
/// canonical target.
fn judge(
    cx: &CheckContext<'_>,
    decl: &SurfaceDecl,
    path: &RepoPath,
    lines: &[Guidance],
    anchor: u32,
    what: &str,
) -> Option<Finding> {
    let prefix = &cx.contract.surface.target_prefix;
    let meta = &DeprecatedWithoutGuidance::META;
    let named = |g: &&Guidance| g.prints && g.targets.iter().any(|t| is_target_name(t, prefix));
    if lines
        .iter()
        .filter(named)
        .any(|g| g.to_stderr && g.targets.iter().any(|t| decl.is_canonical(t)))
    {
        return None;
    }
    if let Some(g) = lines.iter().filter(named).find(|g| g.to_stderr) {
        let bad = g
            .targets
            .iter()
            .find(|t| !decl.is_canonical(t))
            .cloned()
            .unwrap_or_default();
        return Some(
            Finding::new(
                meta,
                path.clone(),
                format!(
                    "{what} points to `make {bad}`, which is not a canonical entrypoint of {}",
                    decl.path
                ),
            )
            .help("name a target from `entrypoints` that is not deprecated")
            .at_line(g.line),
        );
    }
    if let Some(g) = lines.iter().find(named) {
        return Some(
            Finding::new(
                meta,
                path.clone(),
                format!("{what} prints its migration guidance to stdout"),
            )
            .help("send the guidance to stderr: append `>&2`")
            .at_line(g.line),
        );
    }
    Some(
        Finding::new(
            meta,
            path.clone(),
            format!("{what} prints no migration guidance naming a `make {prefix}...` target"),
        )
        .help("print e.g. `echo \"deprecated: run make ops-... instead\" >&2` before doing anything else")
        .at_line(anchor),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    const SURFACE: &str = "{\"entrypoints\": [\"ops-up\", \"ops-old\"],\n\"deprecated\": [\n{\"target\": \"ops-old\", \"since\": \"1.0.0\", \"replacement\": \"ops-up\"}]}";
    const MAKEFILE: &str = "ops-up:\n\tatlasctl ops stack up\nops-old:\n\t@echo 'ops-old is deprecated: use make ops-up' >&2\n\t$(MAKE) ops-up\n";

    fn repo() -> TestRepo {
        TestRepo::new()
            .file("ops/_meta/surface.json", SURFACE)
            .file("Makefile", MAKEFILE)
            .script("ops/stack/scripts/plain.sh", "#!/bin/sh\n# Adapter. Lowercase deprecated or DEPRECATEDNESS is not the marker\necho make ops-nothing\n")
            .script("ops/stack/scripts/listed.sh", "#!/bin/sh\n# DEPRECATED\ncat >&2 <<EOF\nlisted.sh is going away; run make ops-up\nEOF\n")
            .script("ops/stack/scripts/helper.sh", "#!/bin/bash\n# DEPRECATED: use make ops-up\ndeprecation_notice \"make ops-up\"\n")
            .file("ops/stack/tool.py", "#!/usr/bin/env python3\n# DEPRECATED\nimport sys\nprint('use make ops-up', file=sys.stderr)\n")
    }

    #[test]
    fn guided_deprecations_are_clean() {
        assert_eq!(
            repo().context().run_lines(&DeprecatedWithoutGuidance),
            Vec::<String>::new()
        );
    }

    #[test]
    fn missing_stdout_and_wrong_target() {
        let r = repo()
            .script("ops/a.sh", "#!/bin/sh\n\n# DEPRECATED since 1.1\nexec kind\n")
            .script("ops/b.sh", "#!/bin/sh\n# DEPRECATED\necho \"run make ops-up\"\n")
            .script("ops/c.sh", "#!/bin/sh\n# DEPRECATED\necho \"run make ops-old\" >&2\n")
            .file("Makefile", "ops-up:\n\tatlasctl ops stack up\nops-old:\n\t$(MAKE) ops-up\n")
            .file("ops/_meta/surface.json", "{\"entrypoints\": [\"ops-up\", \"ops-old\"],\n\"deprecated\": [\n{\"target\": \"ops-old\", \"replacement\": \"ops-gone\"}]}");
        let got: Vec<_> = r
            .context()
            .run(&DeprecatedWithoutGuidance)
            .iter()
            .map(|f| format!("{}:{}: {}", f.path, f.span.map_or(0, |s| s.line), f.message))
            .collect();
        assert_eq!(
            got,
            [
                "Makefile:3: recipe of deprecated entrypoint `ops-old` prints no migration guidance naming a `make ops-...` target",
                "ops/_meta/surface.json:3: deprecated entrypoint `ops-old` names replacement `ops-gone`, which is not a canonical entrypoint (declared and not deprecated)",
                "ops/a.sh:3: deprecated script prints no migration guidance naming a `make ops-...` target",
                "ops/b.sh:3: deprecated script prints its migration guidance to stdout",
                "ops/c.sh:3: deprecated script points to `make ops-old`, which is not a canonical entrypoint of ops/_meta/surface.json",
            ]
        );
    }
}
