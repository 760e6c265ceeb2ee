//! SUR004: nobody is told to run an `ops/` script directly.

use hashbrown::HashSet;

use ops_model::{
    CheckContext, FileInfo, Finding, RepoPath, Rule, RuleMeta, ScanOutput, SourceFile, Span,
    declare_rule,
};
use ops_syntax::Anchor;
use ops_syntax::make::{Position, Rule as MakeRule};
use ops_syntax::markdown::read_markdown;
use ops_syntax::parsed;
use ops_syntax::shell::{Script, VisitedKind, walk};

use crate::commands::Judge;
use crate::index_md::{Listing, index_listing};
use crate::instructions::{self, Instruction, Place};
use crate::model::{index_path, model};

declare_rule! {
    /// Docs, CI and makefiles call the surface, never the adapters.
    pub DirectScriptCall {
        code: "SUR004",
        slug: "direct-script-call",
        clause: "Operator entrypoints are `atlasctl ops ...` commands and thin `make` wrappers; `ops/` shell scripts are implementation adapters only.",
        severity: Error,
        summary: "docs, CI workflows and root makefiles never run an ops/ script directly",
        budgets: ["make", "shell", "yaml"],
        explanation: r#"## What

Reports every command that runs a script below `ops/` directly, in:

- docs (`[surface] doc_globs`, default every `*.md`, including `ops/**/*.md`): the command
  lines of shell code blocks, fenced or indented, wherever they are (in block quotes, GitHub
  callouts such as `> [!TIP]`, list items; `sh`, `bash`, no language, ...; in `console`
  blocks only the `$ `-prompted lines), inline code spans, and `Label: command` lines whose
  label is one of `[surface] runner_labels` (`Runner: ops/k8s/scripts/deploy.sh`);
- CI workflows (`[surface] workflow_globs`): every `run:` script, run in its step's
  `working-directory` (the step's, else the job's or the workflow's `defaults.run`);
- the root makefile and the makefiles it includes: recipes of targets that are not
  entrypoints (an entrypoint's recipe is SUR003's, also when a pattern rule provides it).

A command runs a script when the script is an existing file below `ops/` and it is either
the program (`./ops/x.sh`, `"$ROOT"/ops/x.sh`, `ops/x.sh` in a block, step or recipe) or the
script operand of an interpreter from `[surface] interpreters` (`bash -x ops/x.sh`,
`python3 ops/x.py`, `source ops/x.sh`). Environment assignments and prefixes (`exec`,
`env`, `sudo`, ...) are looked through. A `cd` earlier in the same command line or `run:`
script is followed: in `cd ops/stack/scripts && ./stack-up.sh` the script run is
`ops/stack/scripts/stack-up.sh`.

A descriptive mention is not a call: a path in prose, a code span holding only a path
(`` `ops/stack/scripts/stack-up.sh` ``), a directory or a glob, or a path passed as an
argument to a program that is not an interpreter (`ruff check ops/scripts`, `echo
ops/stack/scripts/stack-up.sh`, `helm template ops/k8s/charts/atlas`), a module
(`python3 -m pytest ops/tools`) or a `-c` string. The three generated ops docs are skipped:
they quote recipes, which SUR003 checks at the source.

## Inference and severity

Every finding is an `error`, because a call is only reported when it is certain: the file
exists, the command's program is known, and a relative path is read from a known directory.
A path behind a variable the reader cannot resolve (`$DIR/ops/x.sh`), a `cd` it cannot place
(`cd "$TMP"`, `cd -`), a `working-directory` with an expression, or a script that does not
exist is not reported.

A code span in prose is not an instruction to run it when its sentence says not to, before
the span: "Do **not** run `` `bash ops/stack/scripts/stack-up.sh` `` directly", "use `` `make
ops-up` `` instead of `` `ops/x.sh` ``". The words that count are *do not*, *don't*, *never*,
*instead of*, *rather than*, *must not*, *should not* and *avoid*, case-insensitive, with
emphasis markers ignored. The sentence starts after the last `.`, `!`, `?` or `;` followed by
a space, and may start on an earlier line of the same paragraph (a soft line break does not
end a sentence). Words after the span do not count ("run `` `ops/x.sh` `` instead of `` `make
ops-up` ``" is reported). Code blocks, `run:` steps, recipes and `Runner:` lines are always
instructions. `cd` is followed within one command line of a document, not from one line of a
code block to the next.

## Why

Scripts under `ops/` are implementation adapters behind the operator CLI. Every instruction
that runs one directly makes it public surface that cannot change without breaking someone.

## Fix

Replace the command with the Make target or CLI command that wraps the script, e.g.
`bash ops/k8s/scripts/render-chart.sh` becomes `make ops-k8s-deploy`. If no entrypoint does
what the script does, add one (surface.json, INDEX.md, a thin Make target) first.
"#,
    }
}

impl Rule for DirectScriptCall {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let s = &cx.contract.surface;
        let path = file.path().as_str();
        if s.workflow_globs.is_match(path) {
            return true;
        }
        s.doc_globs.is_match(path)
            && ![
                &s.generated_surface_doc,
                &s.generated_contracts_doc,
                &s.generated_schemas_doc,
            ]
            .iter()
            .any(|g| g.as_str() == path)
    }

    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let Ok(text) = file.text() else {
            return; // an unreadable file tells nobody anything
        };
        let judge = Judge::new(cx);
        let path = file.path();
        if cx.contract.surface.workflow_globs.is_match(path.as_str()) {
            let Ok(wf) = parsed::workflow(file) else {
                return;
            };
            for i in instructions::workflow(&wf) {
                calls(cx, &judge, path, &i, out);
            }
        } else {
            let md = read_markdown(text);
            // The surface model needs the index page's listings too: one parse for both.
            // (The model reads the page with a second byte order mark removed: such a
            // page is left to it.)
            if *path == index_path(cx) && !text.starts_with('\u{feff}') {
                index_listing(cx, || Listing::of(&md, &cx.contract.surface.target_prefix));
            }
            let may_matter = |text: &str| may_run_script(&judge, text, true);
            let labels = &cx.contract.surface.runner_labels;
            for i in instructions::markdown(&md, labels, &may_matter) {
                calls(cx, &judge, path, &i, out);
            }
        }
    }

    fn prepare(&self, cx: &CheckContext<'_>) {
        crate::model::prefetch(cx);
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let m = model(cx);
        let judge = Judge::new(cx);
        let db = &m.make.db;
        // Recipes that make runs for an entrypoint are SUR003's: its explicit rules name it
        // among their targets, the pattern rules it uses are listed by position.
        let mut theirs: HashSet<Position> = HashSet::new();
        let mut entrypoints: HashSet<&str> = HashSet::new();
        for e in m.decl().map_or(&[][..], |d| &d.entrypoints) {
            entrypoints.insert(&e.name);
            if let Some(rule) = m.rules_for(&e.name).implicit() {
                theirs.insert(rule.position.clone());
            }
        }
        let mut done: HashSet<&Position> = HashSet::new();
        let explicit = db.explicit_rules();
        let mut out = ScanOutput::default();
        for rule in explicit.chain(db.pattern_rules()) {
            if theirs.contains(&rule.position)
                || rule
                    .targets
                    .iter()
                    .any(|t| entrypoints.contains(t.as_str()))
                || !done.insert(&rule.position)
            {
                continue;
            }
            recipe_calls(cx, &judge, rule, &mut out);
        }
        out.findings
    }
}

/// Reports the script runs of one recipe (line positions only: the text is expanded).
fn recipe_calls(cx: &CheckContext<'_>, judge: &Judge<'_>, rule: &MakeRule, out: &mut ScanOutput) {
    for line in &rule.recipe {
        let i = Instruction {
            text: line.command().into(),
            place: Place::At {
                line: line.position.line,
                column: 0,
            },
            bare_path_runs: true,
            cwd: Some(instructions::root()),
        };
        calls(cx, judge, &line.position.file, &i, out);
    }
}

/// Can a command run from `at_root` (the repository root) run a script below the ops root?
/// Not without naming its path (`ops/`), a variable or function the evaluator may resolve to
/// one (`$D/x.sh`), or a `cd`/`pushd` into it. The test is `ops/`, not `ops`: every target
/// name (`ops-up`) contains `ops`, and an index listing a large surface would otherwise be
/// parsed span by span for nothing. From another directory anything may.
fn may_run_script(judge: &Judge<'_>, text: &str, at_root: bool) -> bool {
    !at_root || may_reach(text, judge.ops_root)
}

/// Whether `text` holds `$`, `cd`, `pushd` or `{ops_root}/`. One pass over the bytes: the
/// text is a code span or a line (a large index has hundreds of thousands), and
/// `str::contains` builds a searcher per call. An empty `ops_root` matches anything.
fn may_reach(text: &str, ops_root: &str) -> bool {
    let (b, root) = (text.as_bytes(), ops_root.as_bytes());
    let Some(&first) = root.first() else {
        return true;
    };
    (0..b.len()).any(|i| {
        let rest = &b[i..];
        match rest[0] {
            b'$' => true,
            b'c' if rest.starts_with(b"cd") => true,
            b'p' if rest.starts_with(b"pushd") => true,
            c => c == first && rest.starts_with(root) && rest.get(root.len()) == Some(&b'/'),
        }
    })
}

/// Reports each command of an instruction that runs an ops script.
fn calls(
    cx: &CheckContext<'_>,
    judge: &Judge<'_>,
    path: &RepoPath,
    i: &Instruction<'_>,
    out: &mut ScanOutput,
) {
    let at_root = i
        .cwd
        .as_ref()
        .is_some_and(|c| c.anchor == Anchor::Root && c.parts.is_empty());
    if !may_run_script(judge, &i.text, at_root) {
        return;
    }
    let script = Script::fragment(&i.text);
    let opts = judge.eval_options(i.cwd.clone());
    walk(&script, &opts, &mut |v| {
        let VisitedKind::Simple(_) = v.kind else {
            return;
        };
        let Some(run) = judge.script_run(v, i.bare_path_runs) else {
            return;
        };
        let at = match i.place {
            Place::At { column: 0, line } => Span::line(line + script.line_of(v.start) - 1),
            _ => i.span(v.start, script.line_of(v.start), script.column_of(v.start)),
        };
        out.push(
            Finding::new(
                &DirectScriptCall::META,
                path.clone(),
                format!(
                    "runs the ops script `{run}` directly: `{}`",
                    script.slice(v.start, v.end)
                ),
            )
            .help(format!(
                "call the Make target or `atlasctl ops ...` command that wraps `{run}` (see {})",
                cx.contract.ops_path(&cx.contract.layout.index_file)
            ))
            .at(at),
        );
    });
}

#[cfg(test)]
#[path = "direct_script_call_tests.rs"]
mod tests;
