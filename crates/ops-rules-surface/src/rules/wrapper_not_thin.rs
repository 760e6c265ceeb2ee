//! SUR003: a surface target's recipe is a thin wrapper over the operator CLI.

use hashbrown::HashSet;
use rayon::prelude::*;

use ops_model::{CheckContext, Finding, Rule, RuleMeta, declare_rule};
use ops_syntax::make::RecipeLine;
use ops_syntax::shell::{EvalOptions, Script, VisitedKind, walk};
use ops_syntax::{Anchor, StaticValue, UNKNOWN_MARK};

use crate::commands::{Judge, OperatorCli, is_make, is_message};
use crate::model::{SurfaceModel, model};
use crate::plain_command::{Plain, plain_verdict};

declare_rule! {
    /// Surface targets only delegate.
    pub WrapperNotThin {
        code: "SUR003",
        slug: "wrapper-not-thin",
        clause: "Operator entrypoints are `atlasctl ops ...` commands and thin `make` wrappers; `ops/` shell scripts are implementation adapters only.",
        severity: Error,
        summary: "a surface target's recipe only calls the operator CLI or other make targets, within a small line budget",
        budgets: ["make", "shell"],
        explanation: r#"## What

For every entrypoint of `ops/_meta/surface.json` that has a rule (an explicit one, or the
pattern rule make would use for it), the recipe must be a thin wrapper:

- every command of every recipe line (a shell command list: `;`, `&&`, `||`, `|`, command
  substitutions) is a call of the
  operator CLI (`[surface] operator_cli`, default `atlasctl ops` and `./bin/atlasctl ops`),
  a call of make (`$(MAKE) ops-other`, `make ...`), or a message (`echo`, `printf`, `:`,
  `true`);
- no command runs a script below `ops/`: an existing file in program position
  (`./ops/x.sh`, `ops/x.sh`) or the script operand of an interpreter (`bash ops/x.sh`);
- the recipe has at most `[surface] wrapper_max_lines` lines (default 3; comment lines do
  not count);
- the target does something: a recipe that calls the CLI or make, or prerequisites.

Recipes are read as GNU make hands them to the shell: `.RECIPEPREFIX`, variables and
functions expanded for the target (`$@`, `$*`, `$(if ...)`, `$(or ...)`, `$(subst ...)`), so
`$(ATLASCTL) ops stack up` with `ATLASCTL ?= ./bin/atlasctl` is a CLI call, and so is
`$(ATLASCTL) ops k8s deploy $(if $(PROFILE),--profile $(PROFILE),--profile local)`.
Environment assignments (`PROFILE=ci ./bin/atlasctl ops ...`) and `exec`/`env` prefixes are
allowed.

## Inference and severity

A command whose program is not known statically (`$(TOOL) run` with `TOOL` set nowhere in
the makefiles, so the environment decides) is not judged: no finding, and the target is not
told it delegates nothing. An unknown *argument* does not matter: the program decides.

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

    fn prepare(&self, cx: &CheckContext<'_>) {
        crate::model::prefetch(cx);
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let m = model(cx);
        let Some(decl) = m.decl() else {
            return Vec::new();
        };
        let judge = Judge::new(cx);
        let cli = OperatorCli::new(&cx.contract.surface.operator_cli);
        // Recipes run at the repository root.
        let opts = judge.eval_options(Some(StaticValue::anchored(Anchor::Root, "")));
        let mut seen = HashSet::new();
        let names: Vec<&str> = decl
            .entrypoints
            .iter()
            .map(|e| e.name.as_str())
            .filter(|name| seen.insert(*name))
            .collect();
        let entry = Entry {
            cx,
            model: &m,
            judge: &judge,
            cli: &cli,
            opts: &opts,
        };
        // Each entrypoint is judged on its own (a shell read and walk of every recipe
        // line): spread over the run's threads, the findings kept in declaration order.
        // Nothing here waits for shared state, so rayon may nest (see `SharedState`).
        let per_name: Vec<Vec<Finding>> = names
            .par_iter()
            .with_min_len(64)
            .map(|name| entry.findings(name))
            .collect();
        per_name.into_iter().flatten().collect()
    }
}

/// What judging one entrypoint needs from the run.
struct Entry<'a, 'c> {
    cx: &'a CheckContext<'c>,
    model: &'a SurfaceModel,
    judge: &'a Judge<'c>,
    cli: &'a OperatorCli<'c>,
    opts: &'a EvalOptions<'c>,
}

impl Entry<'_, '_> {
    /// SUR003's findings for the entrypoint `name`, in recipe order.
    fn findings(&self, name: &str) -> Vec<Finding> {
        let cx = self.cx;
        let budget = cx.contract.surface.wrapper_max_lines;
        let rules = self.model.rules_for(name);
        let Some(first) = rules.first() else {
            return Vec::new(); // SUR002
        };
        let mut out = Vec::new();
        let mut delegates = false;
        let mut unknown = false;
        for rule in rules.iter() {
            delegates |= !rule.prerequisites.is_empty();
            let lines: Vec<&RecipeLine> = rule.recipe.iter().filter(|l| !l.is_comment()).collect();
            if lines.len() > budget {
                out.push(
                    Finding::new(
                        &WrapperNotThin::META,
                        rule.position.file.clone(),
                        format!(
                            "recipe of `{name}` has {} lines, over the wrapper budget of {budget}",
                            lines.len()
                        ),
                    )
                    .help(
                        "move the steps into an `atlasctl ops ...` command and call it in one line",
                    )
                    .at_line(rule.position.line),
                );
            }
            for line in lines {
                match judge_line(cx, self.judge, self.cli, self.opts, line) {
                    Verdict::Delegates => delegates = true,
                    Verdict::Message => {}
                    Verdict::Unknown => unknown = true,
                    Verdict::Bad(message, help) => out.push(
                        Finding::new(
                            &WrapperNotThin::META,
                            line.position.file.clone(),
                            format!("recipe of `{name}` {message}"),
                        )
                        .help(help)
                        .at_line(line.position.line),
                    ),
                }
            }
        }
        // A target already reported for what it runs need not be told it delegates
        // nothing; one whose recipe cannot be read statically is not judged.
        if !delegates && !unknown && out.is_empty() {
            out.push(
                Finding::new(
                    &WrapperNotThin::META,
                    first.position.file.clone(),
                    format!(
                        "`{name}` neither calls the operator CLI nor delegates to other targets"
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
                .at_line(first.position.line),
            );
        }
        out
    }
}

enum Verdict {
    Delegates,
    Message,
    /// A command whose program is not known statically: not judged.
    Unknown,
    /// What the recipe does wrong ("runs ..."), and the fix.
    Bad(String, String),
}

/// Judges one recipe line: every simple command must delegate or print. The first command
/// that does neither decides; a script run is reported before anything else on the line.
/// A line of plain words that calls the CLI, make or a message is told without the shell
/// reader ([`plain_verdict`]), the same verdict as [`judge_walked`] gives it.
fn judge_line(
    cx: &CheckContext<'_>,
    judge: &Judge<'_>,
    cli: &OperatorCli<'_>,
    opts: &EvalOptions,
    line: &RecipeLine,
) -> Verdict {
    match plain_verdict(line.command(), judge, cli) {
        Some(Plain::Delegates) => Verdict::Delegates,
        Some(Plain::Message) => Verdict::Message,
        None => judge_walked(cx, judge, cli, opts, line),
    }
}

/// [`judge_line`] by the shell reader: the line read as a fragment, each simple command
/// judged as the walk visits it.
fn judge_walked(
    cx: &CheckContext<'_>,
    judge: &Judge<'_>,
    cli: &OperatorCli<'_>,
    opts: &EvalOptions,
    line: &RecipeLine,
) -> Verdict {
    let s = &cx.contract.surface;
    let command = line.command();
    let raw = line
        .raw
        .trim_start_matches(['@', '-', '+', ' ', '\t'])
        .trim_end();
    // Built for a message only: most lines give none.
    let shown = || {
        if raw == command {
            format!("`{raw}`")
        } else {
            format!("`{raw}` (expands to `{}`)", shown_text(command))
        }
    };
    let script = Script::fragment(command);
    let mut verdicts = Vec::new();
    walk(&script, opts, &mut |v| {
        let VisitedKind::Simple(_) = v.kind else {
            return;
        };
        if let Some(path) = judge.script_run(v, true) {
            verdicts.push(Verdict::Bad(
                format!("runs the ops script `{path}` directly: {}", shown()),
                "call the operator CLI command that wraps this script (`atlasctl ops ...`)"
                    .to_string(),
            ));
        } else if cli.called_by(v) || is_make(v) {
            verdicts.push(Verdict::Delegates);
        } else if is_message(v) {
            verdicts.push(Verdict::Message);
        } else if v.program_word().is_none_or(|p| !p.value.is_known()) {
            if v.program.is_some() {
                verdicts.push(Verdict::Unknown);
            }
        } else {
            let cmd = shown_text(script.slice(v.start, v.end));
            // Quote the whole line only when it says more than the offending command.
            let context = if cmd == raw {
                String::new()
            } else {
                format!(": {}", shown())
            };
            verdicts.push(Verdict::Bad(
                format!("runs `{cmd}`, which is neither the operator CLI nor make{context}"),
                format!(
                    "move this step into the operator CLI and call it (`{}`)",
                    s.operator_cli.join("`, `")
                ),
            ));
        }
    });
    let first_bad = verdicts
        .iter()
        .position(
            |v| matches!(v, Verdict::Bad(message, _) if message.starts_with("runs the ops script")),
        )
        .or_else(|| verdicts.iter().position(|v| matches!(v, Verdict::Bad(..))));
    if let Some(i) = first_bad {
        return verdicts.swap_remove(i);
    }
    if verdicts.iter().any(|v| matches!(v, Verdict::Unknown)) {
        return Verdict::Unknown;
    }
    if verdicts.iter().any(|v| matches!(v, Verdict::Delegates)) {
        return Verdict::Delegates;
    }
    Verdict::Message
}

/// Recipe text as shown in a message: an unknown stretch as `…`.
fn shown_text(text: &str) -> String {
    text.replace(UNKNOWN_MARK, "…")
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

    /// Issue 10 inputs 1, 3 and 4: `.RECIPEPREFIX`, `$(if)`/`$(or)` arguments, a pattern rule.
    #[test]
    fn recipes_are_read_as_make_runs_them() {
        let r = repo(
            ".RECIPEPREFIX = >\nATLASCTL ?= ./bin/atlasctl\nops-up:\n>$(ATLASCTL) ops k8s deploy $(if $(PROFILE),--profile $(PROFILE),--profile local)\n>$(ATLASCTL) ops test $(or $(SUITE),smoke)\n.RECIPEPREFIX :=\nops-%:\n\t$(ATLASCTL) ops $(subst -, ,$*)\n",
        );
        assert_eq!(r.context().run_lines(&WrapperNotThin), Vec::<String>::new());
        // An unknown program is not judged.
        let r = repo("ops-up:\n\t$(TOOL) up\nops-all:\n\t$(TOOL) all\n");
        assert_eq!(r.context().run_lines(&WrapperNotThin), Vec::<String>::new());
    }

    #[test]
    fn logic_scripts_budget_and_empty_targets() {
        let r = repo(
            "X = bash ops/stack/scripts/up.sh\nops-up:\n\tatlasctl ops a\n\t$(X) --fast\n\tkubectl get pods | wc -l\n\techo 4\nops-all:\n",
        )
        .script("ops/stack/scripts/up.sh", "#!/bin/sh\n");
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

#[cfg(test)]
#[path = "wrapper_not_thin_plain_tests.rs"]
mod plain_tests;
