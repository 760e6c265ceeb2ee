//! DEP001: what is deprecated tells its users where to go.

use ops_model::text::numbered_lines;
use ops_model::{CheckContext, Finding, RepoPath, Rule, RuleMeta, declare_rule};

use crate::index_md::is_target_name;
use crate::model::model;
use crate::shell;
use crate::surface_file::SurfaceDecl;

declare_rule! {
    /// Deprecated scripts and targets print migration guidance.
    pub DeprecatedWithoutGuidance {
        code: "DEP001",
        slug: "deprecated-without-guidance",
        clause: "Deprecated scripts must print migration guidance and point to canonical Make targets.",
        severity: Error,
        summary: "a deprecated script or entrypoint prints migration guidance to stderr naming a canonical `make ops-*` target",
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

impl Rule for DeprecatedWithoutGuidance {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let m = model(cx);
        let Some(decl) = m.decl() else {
            return Vec::new();
        };
        let marker = &cx.contract.surface.deprecated_marker;
        let mut out = Vec::new();
        let ops = cx.contract.ops_path("");
        for entry in cx.index.files_under(&ops) {
            let path = &entry.path;
            if !path
                .extension()
                .is_some_and(|e| SCRIPT_EXTENSIONS.contains(&e))
            {
                continue;
            }
            let Ok(text) = crate::read::text(cx, path) else {
                continue;
            };
            let Some(header) = header_marker(text, marker) else {
                continue;
            };
            let python = path.extension() == Some("py");
            let lines = guidance_lines(text, python);
            if let Some(f) = judge(cx, decl, path, &lines, header, "deprecated script") {
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
                Some(r) if !canonical(decl, r) || r == d.target => out.push(
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
            for rule in m.make.rules_for(&d.target) {
                let lines: Vec<Guidance> = rule
                    .recipe
                    .iter()
                    .map(|l| classify(&m.make.expand(l.command()), l.line, false))
                    .collect();
                let what = format!("recipe of deprecated entrypoint `{}`", d.target);
                if let Some(f) = judge(cx, decl, &rule.path, &lines, rule.line, &what) {
                    out.push(f);
                }
            }
        }
        out
    }
}

/// Declared and not deprecated.
fn canonical(decl: &SurfaceDecl, target: &str) -> bool {
    decl.is_entrypoint(target) && !decl.is_deprecated(target)
}

/// The line of the marker word in the header comment block.
fn header_marker(text: &str, marker: &str) -> Option<u32> {
    for (n, line) in numbered_lines(text) {
        let t = line.trim();
        if n == 1 && t.starts_with("#!") {
            continue;
        }
        if t.is_empty() {
            continue;
        }
        let comment = t
            .strip_prefix('#')
            .or_else(|| t.strip_prefix("\"\"\""))
            .or_else(|| t.strip_prefix("'''"));
        match comment {
            Some(c) if has_word(c, marker) => return Some(n),
            Some(_) => {}
            None => return None,
        }
    }
    None
}

fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .any(|w| w == word)
}

/// One line that might be guidance.
struct Guidance {
    line: u32,
    /// Targets named as `make <target>`.
    targets: Vec<String>,
    prints: bool,
    to_stderr: bool,
}

fn guidance_lines(text: &str, python: bool) -> Vec<Guidance> {
    let mut out = Vec::new();
    let mut heredoc: Option<(String, bool)> = None;
    for (n, line) in numbered_lines(text) {
        if let Some((end, stderr)) = &heredoc {
            if line.trim() == end {
                heredoc = None;
                continue;
            }
            out.push(Guidance {
                line: n,
                targets: make_targets_named(line),
                prints: true,
                to_stderr: *stderr,
            });
            continue;
        }
        if !python && let Some(at) = line.find("<<") {
            let end = line[at + 2..]
                .trim_start_matches('-')
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(['\'', '"'])
                .to_string();
            if !end.is_empty() && line.trim_start().starts_with("cat") {
                heredoc = Some((end, stderr_redirect(line)));
                continue;
            }
        }
        out.push(classify(line, n, python));
    }
    out
}

fn classify(line: &str, n: u32, python: bool) -> Guidance {
    let t = line.trim_start();
    let (prints, to_stderr) = if python {
        let stderr = t.contains("file=sys.stderr")
            || t.starts_with("sys.stderr.write")
            || t.starts_with("warnings.warn");
        (t.starts_with("print(") || stderr, stderr)
    } else {
        let program = shell::program_words(t)
            .into_iter()
            .next()
            .unwrap_or_default();
        let helper = {
            let p = program.to_ascii_lowercase();
            p.contains("warn") || p.contains("deprecat")
        };
        let print = matches!(program.as_str(), "echo" | "printf");
        (print || helper, helper || (print && stderr_redirect(t)))
    };
    Guidance {
        line: n,
        targets: if prints {
            make_targets_named(line)
        } else {
            Vec::new()
        },
        prints,
        to_stderr,
    }
}

fn stderr_redirect(line: &str) -> bool {
    line.contains(">&2") || line.contains(">/dev/stderr") || line.contains("> /dev/stderr")
}

/// Every `make <name>` in a line (quotes and punctuation around the name dropped).
fn make_targets_named(line: &str) -> Vec<String> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter(|w| w[0] == "make")
        .map(|w| w[1].trim_end_matches([',', '.', ';', ':', '!']).to_string())
        .collect()
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
        .any(|g| g.to_stderr && g.targets.iter().any(|t| canonical(decl, t)))
    {
        return None;
    }
    if let Some(g) = lines.iter().filter(named).find(|g| g.to_stderr) {
        let bad = g
            .targets
            .iter()
            .find(|t| !canonical(decl, t))
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
