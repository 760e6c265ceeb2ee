//! SUR003: a surface target's recipe is a thin wrapper over the operator CLI.

use ops_model::{CheckContext, Finding, Rule, RuleMeta, declare_rule};

use crate::makefile::{MakeRule, Makefiles, RecipeLine};
use crate::model::model;
use crate::shell;

declare_rule! {
    /// Surface targets only delegate.
    pub WrapperNotThin {
        code: "SUR003",
        slug: "wrapper-not-thin",
        clause: "Operator entrypoints are `atlasctl ops ...` commands and thin `make` wrappers; `ops/` shell scripts are implementation adapters only.",
        severity: Error,
        summary: "a surface target's recipe only calls the operator CLI or other make targets, within a small line budget",
        explanation: r#"## What

For every entrypoint of `ops/_meta/surface.json` that has a rule, the recipe must be a thin
wrapper:

- every command of every recipe line (lines split at `;`, `&&`, `||`, `|`) is a call of the
  operator CLI (`[surface] operator_cli`, default `atlasctl ops` and `./bin/atlasctl ops`),
  a call of make (`$(MAKE) ops-other`, `make ...`), or a message (`echo`, `printf`, `:`,
  `true`);
- no command runs a script below `ops/` (`bash ops/x.sh`, `./ops/x.sh`, `ops/x.sh`);
- the recipe has at most `[surface] wrapper_max_lines` lines (default 3; comment lines do
  not count);
- the target does something: a recipe that calls the CLI or make, or prerequisites.

Make variables the makefiles assign are expanded first, so
`$(ATLASCTL) ops stack up` with `ATLASCTL ?= ./bin/atlasctl` is a CLI call. Environment
assignments (`PROFILE=ci ./bin/atlasctl ops ...`) and `exec`/`env` prefixes are allowed.

Recipes of targets that are not entrypoints are SUR004's concern (it reports direct script
calls there); a script call in an entrypoint's recipe is reported here only, once.

## Why

Behaviour belongs to the operator CLI, where it is tested and versioned; the Make target is a
stable name for it. Logic in a recipe, or a recipe that runs an `ops/` adapter script itself,
bypasses the CLI and makes the adapters part of the public surface.

## Fix

Move the logic into an `atlasctl ops ...` command and make the recipe call it:

```make
ops-k8s-deploy:
	$(ATLASCTL) ops k8s deploy --profile local
```

## Configuration

`[surface] operator_cli` lists the accepted command prefixes (matched word by word after
expansion); `[surface] wrapper_max_lines` the line budget; `[surface] interpreters` the
programs whose first operand is a script they run.
"#,
    }
}

impl Rule for WrapperNotThin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let m = model(cx);
        let Some(decl) = m.decl() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in &decl.entrypoints {
            let rules: Vec<&MakeRule> = m.make.rules_for(&e.name).collect();
            if rules.is_empty() {
                continue; // SUR002
            }
            let mut delegates = false;
            let reported = out.len();
            for rule in &rules {
                delegates |= !rule.prerequisites.is_empty();
                let lines: Vec<&RecipeLine> =
                    rule.recipe.iter().filter(|l| !l.is_comment()).collect();
                let budget = cx.contract.surface.wrapper_max_lines;
                if lines.len() > budget {
                    out.push(
                        Finding::new(
                            &Self::META,
                            rule.path.clone(),
                            format!(
                                "recipe of `{}` has {} lines, over the wrapper budget of {budget}",
                                e.name,
                                lines.len()
                            ),
                        )
                        .help("move the steps into an `atlasctl ops ...` command and call it in one line")
                        .at_line(rule.line),
                    );
                }
                for line in lines {
                    match judge(cx, &m.make, line) {
                        Verdict::Delegates => delegates = true,
                        Verdict::Message => {}
                        Verdict::Bad(finding) => out.push(finding(&e.name).at_line(line.line)),
                    }
                }
            }
            // A target already reported for what it runs need not be told it delegates nothing.
            if !delegates && out.len() == reported {
                let rule = rules[0];
                out.push(
                    Finding::new(
                        &Self::META,
                        rule.path.clone(),
                        format!(
                            "`{}` neither calls the operator CLI nor delegates to other targets",
                            e.name
                        ),
                    )
                    .help(format!(
                        "give it a recipe such as `{} ...`",
                        cx.contract
                            .surface
                            .operator_cli
                            .first()
                            .map_or("atlasctl ops", String::as_str)
                    ))
                    .at_line(rule.line),
                );
            }
        }
        out
    }
}

type MakeFinding = Box<dyn Fn(&str) -> Finding>;

enum Verdict {
    Delegates,
    Message,
    Bad(MakeFinding),
}

/// Judges one recipe line: every simple command must delegate or print.
fn judge(cx: &CheckContext<'_>, make: &Makefiles, line: &RecipeLine) -> Verdict {
    let s = &cx.contract.surface;
    let raw = line.command().to_string();
    let expanded = make.expand(&raw);
    let shown = if expanded == raw {
        format!("`{raw}`")
    } else {
        format!("`{raw}` (expands to `{expanded}`)")
    };
    let path = line_path(make, line);
    let mut verdict = Verdict::Message;
    for simple in shell::simple_commands(&expanded) {
        let cmd = simple.text;
        if let Some(call) = shell::script_call(cmd, &cx.contract.ops_root, &s.interpreters, true) {
            let (shown, script) = (shown.clone(), call.path);
            return Verdict::Bad(Box::new(move |target| {
                Finding::new(
                    &WrapperNotThin::META,
                    path.clone(),
                    format!(
                        "recipe of `{target}` runs the ops script `{script}` directly: {shown}"
                    ),
                )
                .help("call the operator CLI command that wraps this script (`atlasctl ops ...`)")
            }));
        }
        if shell::calls_operator_cli(cmd, &s.operator_cli) || shell::calls_make(cmd) {
            verdict = Verdict::Delegates;
        } else if !shell::is_message(cmd) {
            // Quote the whole line only when it says more than the offending command.
            let context = if cmd == raw {
                String::new()
            } else {
                format!(": {shown}")
            };
            let cmd = cmd.to_string();
            let clis = s.operator_cli.join("`, `");
            return Verdict::Bad(Box::new(move |target| {
                Finding::new(
                    &WrapperNotThin::META,
                    path.clone(),
                    format!(
                        "recipe of `{target}` runs `{cmd}`, which is neither the operator CLI nor make{context}"
                    ),
                )
                .help(format!("move this step into the operator CLI and call it (`{clis}`)"))
            }));
        }
    }
    verdict
}

/// The makefile a recipe line lives in.
fn line_path(make: &Makefiles, line: &RecipeLine) -> ops_model::RepoPath {
    make.rules
        .iter()
        .find(|r| r.recipe.iter().any(|l| std::ptr::eq(l, line)))
        .map(|r| r.path.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    fn repo(makefile: &str) -> TestRepo {
        TestRepo::new()
            .file(
                "ops/_meta/surface.json",
                "{\"entrypoints\": [\"ops-up\", \"ops-all\"]}",
            )
            .file("Makefile", makefile)
    }

    #[test]
    fn thin_wrappers_are_clean() {
        let r = repo(
            "ATLASCTL ?= ./bin/atlasctl\nops-up:\n\t@echo starting >&2\n\t# comment\n\tPROFILE=ci $(ATLASCTL) ops stack up\nops-all: ops-up\nhelper:\n\tkubectl apply -f x\n",
        );
        assert_eq!(r.context().run_lines(&WrapperNotThin), Vec::<String>::new());
        let r = repo("ops-up ops-all:\n\t$(MAKE) -s other && atlasctl ops x\n");
        assert_eq!(r.context().run_lines(&WrapperNotThin), Vec::<String>::new());
    }

    #[test]
    fn logic_scripts_budget_and_empty_targets() {
        let r = repo(
            "X = bash ops/stack/scripts/up.sh\nops-up:\n\tatlasctl ops a\n\t$(X) --fast\n\tkubectl get pods | wc -l\n\techo 4\nops-all:\n",
        );
        let lines: Vec<_> = r
            .context()
            .run(&WrapperNotThin)
            .iter()
            .map(|f| format!("{}:{}: {}", f.path, f.span.map_or(0, |s| s.line), f.message))
            .collect();
        assert_eq!(
            lines,
            [
                "Makefile:2: recipe of `ops-up` has 4 lines, over the wrapper budget of 3",
                "Makefile:4: recipe of `ops-up` runs the ops script `ops/stack/scripts/up.sh` directly: `$(X) --fast` (expands to `bash ops/stack/scripts/up.sh --fast`)",
                "Makefile:5: recipe of `ops-up` runs `kubectl get pods`, which is neither the operator CLI nor make: `kubectl get pods | wc -l`",
                "Makefile:7: `ops-all` neither calls the operator CLI nor delegates to other targets",
            ]
        );
    }
}
