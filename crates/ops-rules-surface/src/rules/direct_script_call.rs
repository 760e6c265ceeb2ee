//! SUR004: nobody is told to run an `ops/` script directly.

use std::collections::BTreeSet;

use ops_model::text::to_u32;
use ops_model::{CheckContext, Finding, RepoPath, Rule, RuleMeta, Span, declare_rule};

use crate::markdown::{self, MdLine};
use crate::model::model;
use crate::{shell, workflow};

declare_rule! {
    /// Docs, CI and makefiles call the surface, never the adapters.
    pub DirectScriptCall {
        code: "SUR004",
        slug: "direct-script-call",
        clause: "Operator entrypoints are `atlasctl ops ...` commands and thin `make` wrappers; `ops/` shell scripts are implementation adapters only.",
        severity: Error,
        summary: "docs, CI workflows and root makefiles never run an ops/ script directly",
        explanation: r#"## What

Reports every command that runs a file below `ops/` directly, in:

- docs (`[surface] doc_globs`, default every `*.md`, including `ops/**/*.md`): commands in
  fenced code blocks of a shell language (`sh`, `bash`, `console`, ... or none), commands in
  inline code spans, and `Label: command` lines whose label is one of
  `[surface] runner_labels` (`Runner: ops/k8s/scripts/deploy.sh`);
- CI workflows (`[surface] workflow_globs`): every line of every `run:` step;
- the root makefile and the makefiles it includes: recipes of targets that are not
  entrypoints (an entrypoint's recipe is SUR003's).

A command runs a script when its program is a path below `ops/` (`./ops/x.sh`,
`"$ROOT"/ops/x.sh`, or `ops/x.sh` in a block, step or recipe), or when an interpreter from
`[surface] interpreters` (`bash`, `sh`, `python3`, `source`, ...) gets one as its first
operand. Environment assignments and `exec`, `env`, `sudo` prefixes are looked through.

A `cd <dir>` earlier on the same command line is followed: in `cd ops/stack/scripts &&
./stack-up.sh` the script run is `ops/stack/scripts/stack-up.sh`. A `cd` this rule cannot
place (`cd`, `cd -`, an absolute path, `..`, a bare variable) drops it again: paths after
it are read from the repository root, as on a line without `cd`.

A descriptive mention is not a call: a path in prose, a code span holding only a path
(`` `ops/stack/scripts/` ``), or a path passed as an argument (`helm template
ops/k8s/charts/atlas`). The three generated ops docs are skipped: they quote recipes, which
SUR003 checks at the source.

## Heuristics

A code span in prose is not an instruction to run it when its sentence says not to, before
the span: "Do **not** run `` `bash ops/stack/scripts/stack-up.sh` `` directly", "use `` `make
ops-up` `` instead of `` `ops/x.sh` ``". The words that count are *do not*, *don't*, *never*,
*instead of*, *rather than*, *must not*, *should not* and *avoid*, case-insensitive, with
emphasis markers ignored; the sentence starts after the last `.`, `!`, `?` or `;` followed by
a space on the same line. Words after the span do not count ("run `` `ops/x.sh` `` instead of
`` `make ops-up` ``" is reported). Code blocks, `run:` steps, recipes and `Runner:` lines are
always instructions.

`cd` is followed only within one command line, not from one line of a block to the next.

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

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let s = &cx.contract.surface;
        let scan = Scan { cx };
        let mut out = Vec::new();

        let generated: BTreeSet<&str> = [
            s.generated_surface_doc.as_str(),
            s.generated_contracts_doc.as_str(),
            s.generated_schemas_doc.as_str(),
        ]
        .into();
        let docs = &s.doc_globs;
        let workflows = &s.workflow_globs;
        for entry in cx.index.files() {
            let path = entry.path.as_str();
            if docs.is_match(path) && !generated.contains(path) {
                if let Some(text) = scan.text(&entry.path) {
                    scan.markdown(&entry.path, text, &mut out);
                }
            } else if workflows.is_match(path)
                && let Some(text) = scan.text(&entry.path)
            {
                for run in workflow::run_lines(text) {
                    scan.command(&entry.path, &run.text, run.line, run.column, true, &mut out);
                }
            }
        }

        let m = model(cx);
        let entrypoints: BTreeSet<&str> = m
            .decl()
            .map(|d| d.entrypoints.iter().map(|e| e.name.as_str()).collect())
            .unwrap_or_default();
        for rule in &m.make.rules {
            if rule
                .targets
                .iter()
                .any(|t| entrypoints.contains(t.as_str()))
            {
                continue;
            }
            for line in &rule.recipe {
                let expanded = m.make.expand(line.command());
                // Recipe text is expanded, so columns would not match the file: line only.
                scan.command(&rule.path, &expanded, line.line, 0, true, &mut out);
            }
        }
        out
    }
}

struct Scan<'c, 'a> {
    cx: &'c CheckContext<'a>,
}

impl Scan<'_, '_> {
    fn text(&self, path: &RepoPath) -> Option<&str> {
        match crate::read::text(self.cx, path) {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::debug!("SUR004 skips {path}: {e}");
                None
            }
        }
    }

    fn markdown(&self, path: &RepoPath, text: &str, out: &mut Vec<Finding>) {
        for md in markdown::lines(text) {
            match md {
                MdLine::Fence { .. } => {}
                MdLine::Code { line, text, lang } => {
                    if !markdown::is_shell_lang(lang) {
                        continue;
                    }
                    let body = text.trim_start();
                    let (cmd, prompt) = match body.strip_prefix("$ ") {
                        Some(rest) => (rest, true),
                        None => (body, false),
                    };
                    // In a console session, lines without a prompt are output.
                    let console = lang.eq_ignore_ascii_case("console");
                    if console && !prompt {
                        continue;
                    }
                    let column = text.len() - cmd.len();
                    self.command(path, cmd, line, to_u32(column + 1), true, out);
                }
                MdLine::Prose { line, text } => {
                    if let Some((column, cmd)) =
                        runner_line(text, &self.cx.contract.surface.runner_labels)
                    {
                        let unticked = cmd.trim_start_matches('`');
                        let column = column + to_u32(cmd.len() - unticked.len());
                        self.command(
                            path,
                            unticked.trim_end_matches('`'),
                            line,
                            column,
                            true,
                            out,
                        );
                        continue;
                    }
                    for span in markdown::code_spans(text) {
                        if forbidden_in_sentence(text, span.column) {
                            continue;
                        }
                        self.command(path, span.text, line, span.column, false, out);
                    }
                }
            }
        }
    }

    /// Reports the script calls in a command line. `column` is where `text` starts in its
    /// line; 0 reports the line only.
    fn command(
        &self,
        path: &RepoPath,
        text: &str,
        line: u32,
        column: u32,
        bare_path_runs: bool,
        out: &mut Vec<Finding>,
    ) {
        let cx = self.cx;
        // The directory a `cd` earlier on the line moved to, when it can be placed.
        let mut cwd: Option<String> = None;
        for simple in shell::simple_commands(text) {
            if let Some(dir) = shell::cd_target(simple.text) {
                cwd = dir;
                continue;
            }
            let Some(call) = shell::script_call_in(
                simple.text,
                cwd.as_deref(),
                &cx.contract.ops_root,
                &cx.contract.surface.interpreters,
                bare_path_runs,
            ) else {
                continue;
            };
            let col = column + to_u32(text[..simple.offset].chars().count());
            let at = if column == 0 {
                Span::line(line)
            } else {
                Span::new(line, col)
            };
            out.push(
                Finding::new(
                    &DirectScriptCall::META,
                    path.clone(),
                    format!(
                        "runs the ops script `{}` directly: `{}`",
                        call.path, simple.text
                    ),
                )
                .help(format!(
                    "call the Make target or `atlasctl ops ...` command that wraps `{}` (see {})",
                    call.path,
                    cx.contract.ops_path(&cx.contract.layout.index_file)
                ))
                .at(at),
            );
        }
    }
}

/// Words that, before a code span in the same sentence, make it something not to run:
/// "Do **not** run `bash ops/x.sh` directly", "use `make ops-up` instead of `ops/x.sh`".
const FORBIDDING: &[&str] = &[
    "do not",
    "don't",
    "never",
    "instead of",
    "rather than",
    "must not",
    "should not",
    "avoid",
];

/// Does the sentence holding the code span that starts at `column` (1-based, in chars) say,
/// before the span, not to run it? The sentence starts after the last `.`, `!`, `?` or `;`
/// followed by a space; emphasis markers and other code spans are ignored.
fn forbidden_in_sentence(line: &str, column: u32) -> bool {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    let before = &line[..start];
    let mut prose = String::new();
    let mut in_code = false;
    for c in before.chars() {
        match c {
            '`' => in_code = !in_code,
            '*' | '_' if !in_code => {}
            '\u{2019}' if !in_code => prose.push('\''),
            c if !in_code => prose.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    let sentence_start = [". ", "! ", "? ", "; "]
        .iter()
        .filter_map(|sep| prose.rfind(sep).map(|i| i + sep.len()))
        .max()
        .unwrap_or(0);
    // Words only: punctuation next to a word ("never," "(do not") does not hide it.
    let words: Vec<&str> = prose[sentence_start..]
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let words = format!(" {} ", words.join(" "));
    FORBIDDING.iter().any(|f| words.contains(&format!(" {f} ")))
}

/// `Runner: cmd`, `- **Run:** cmd`, `Usage: cmd` -> (column of cmd, cmd).
fn runner_line<'t>(text: &'t str, labels: &[String]) -> Option<(u32, &'t str)> {
    let body = text.trim_start().trim_start_matches(['-', '*', '>', ' ']);
    let body = body.trim_start_matches('*');
    let colon = body.find(':')?;
    let label = body[..colon].trim().trim_matches('*');
    if !labels.iter().any(|l| l.eq_ignore_ascii_case(label)) {
        return None;
    }
    let rest = body[colon + 1..].trim_start_matches('*').trim_start();
    if rest.is_empty() {
        return None;
    }
    let offset = text.len() - rest.len();
    Some((to_u32(text[..offset].chars().count() + 1), rest.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    fn located(repo: &TestRepo) -> Vec<String> {
        repo.context()
            .run(&DirectScriptCall)
            .iter()
            .map(|f| {
                let s = f.span.unwrap_or(Span::line(0));
                format!("{}:{}:{}: {}", f.path, s.line, s.column, f.message)
            })
            .collect()
    }

    #[test]
    fn mentions_are_not_calls() {
        let repo = TestRepo::new()
            .file(
                "docs/operations.md",
                "# Ops\n\nThe scripts under `ops/stack/scripts/` are adapters; ops/x.sh is one.\n\n```sh\nmake ops-up\nhelm template ops/k8s/charts/atlas\n```\n\n```json\n{\"run\": \"bash ops/a.sh\"}\n```\n",
            )
            .file(".github/workflows/ci.yml", "jobs:\n  a:\n    steps:\n      - run: make ops-contracts-check\n")
            .file("docs/_generated/ops-surface.md", "`bash ops/a.sh`\n")
            .file("Makefile", "lint:\n\tshellcheck ops/stack/scripts/up.sh\n");
        assert_eq!(located(&repo), Vec::<String>::new());
    }

    #[test]
    fn forbidding_a_call_is_not_an_instruction() {
        let repo = TestRepo::new().file(
            "docs/runbook.md",
            "Do **not** run `bash ops/stack/scripts/stack-up.sh` directly; use `make ops-up`.\n\
             Never call `./ops/a.sh`. Don\u{2019}t, ever, `bash ops/b.sh`.\n\
             Use `make ops-up` instead of `bash ops/c.sh` or rather than `ops/d.sh --x`.\n\
             Do not guess. Run `bash ops/e.sh` now; do not run `bash ops/f.sh`.\n\
             Run `bash ops/g.sh` instead of `make ops-up`.\n",
        );
        assert_eq!(
            located(&repo),
            [
                "docs/runbook.md:4:20: runs the ops script `ops/e.sh` directly: `bash ops/e.sh`",
                "docs/runbook.md:5:6: runs the ops script `ops/g.sh` directly: `bash ops/g.sh`",
            ]
        );
    }

    #[test]
    fn a_cd_on_the_same_line_places_the_script() {
        let repo = TestRepo::new()
            .file(
                "docs/runbook.md",
                "```sh\ncd ops/stack/scripts && ./stack-up.sh\ncd /tmp && ./stack-up.sh\n```\n",
            )
            .file(
                ".github/workflows/ci.yml",
                "jobs:\n  a:\n    steps:\n      - run: cd ops/k8s; bash scripts/deploy.sh; cd - && ./x.sh\n",
            );
        assert_eq!(
            located(&repo),
            [
                ".github/workflows/ci.yml:4:26: runs the ops script `ops/k8s/scripts/deploy.sh` directly: `bash scripts/deploy.sh`",
                "docs/runbook.md:2:25: runs the ops script `ops/stack/scripts/stack-up.sh` directly: `./stack-up.sh`",
            ]
        );
    }

    #[test]
    fn calls_in_docs_workflows_and_recipes() {
        let repo = TestRepo::new()
            .file("ops/_meta/surface.json", "{\"entrypoints\": [\"ops-up\"]}")
            .file(
                "ops/k8s/README.md",
                "Run `./ops/k8s/scripts/deploy.sh --profile ci` or:\n\n```console\n$ bash ops/k8s/scripts/deploy.sh\nops/k8s/scripts/deploy.sh: done\n```\n- **Runner:** `ops/k8s/scripts/deploy.sh`\n",
            )
            .file(
                ".github/workflows/ops.yml",
                "jobs:\n  a:\n    steps:\n      - run: |\n          make ops-up\n          bash ops/k8s/scripts/x.sh\n",
            )
            .file("Makefile", "ops-up:\n\tbash ops/a.sh\nhelper:\n\tcd $(CURDIR) && ops/stack/scripts/up.sh\nother:\n\tcd sub && ops/stack/scripts/up.sh\n");
        assert_eq!(
            located(&repo),
            [
                ".github/workflows/ops.yml:6:11: runs the ops script `ops/k8s/scripts/x.sh` directly: `bash ops/k8s/scripts/x.sh`",
                "Makefile:4:1: runs the ops script `ops/stack/scripts/up.sh` directly: `ops/stack/scripts/up.sh`",
                "ops/k8s/README.md:1:6: runs the ops script `ops/k8s/scripts/deploy.sh` directly: `./ops/k8s/scripts/deploy.sh --profile ci`",
                "ops/k8s/README.md:4:3: runs the ops script `ops/k8s/scripts/deploy.sh` directly: `bash ops/k8s/scripts/deploy.sh`",
                "ops/k8s/README.md:7:16: runs the ops script `ops/k8s/scripts/deploy.sh` directly: `ops/k8s/scripts/deploy.sh`",
            ]
        );
    }
}
