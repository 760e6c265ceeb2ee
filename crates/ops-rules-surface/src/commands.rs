//! What a shell command runs, as the surface rules judge it: an `ops/` script, make targets,
//! the operator CLI. Commands come from [`ops_syntax::shell::walk()`] (recipe lines, code
//! blocks and spans, workflow `run:` scripts); this module only judges them.
//!
//! A command *runs a script* when (and only when) the script is an existing file of the
//! tree below the ops root, and it is either the program (`./ops/x.sh`, `"$ROOT"/ops/x.sh`,
//! `./x.sh` after `cd ops/stack`), or the script operand of an interpreter from
//! `[surface] interpreters` (`bash -x ops/x.sh`, `python3 ops/x.py`, `source ops/x.sh`).
//! A directory, a glob, a module (`python3 -m pytest ops/tools`), a `-c` string or an argument
//! of another program (`ruff check ops/scripts`, `echo ops/x.sh`) is not a call.

use std::borrow::Cow;

use memchr::memmem;
use ops_model::{CheckContext, RepoIndex, RepoPath};
use ops_syntax::shell::{EvalOptions, Evaluated, Visited};
use ops_syntax::{Anchor, StaticValue};

/// The variable that stands for the repository root in expanded make recipes
/// (`$(CURDIR)` expands to it); always a root variable of the shell evaluator.
pub const ROOT_VAR: &str = "ROOT";

/// What the judgement needs from the run: the tree, the ops root, the interpreters.
#[derive(Clone, Copy)]
pub struct Judge<'c> {
    pub(crate) index: &'c RepoIndex,
    pub(crate) ops_root: &'c str,
    pub(crate) interpreters: &'c [String],
    root_vars: &'c [String],
}

impl<'c> Judge<'c> {
    /// The judge of a run.
    pub fn new(cx: &CheckContext<'c>) -> Judge<'c> {
        Judge {
            index: cx.index,
            ops_root: cx.contract.ops_root.trim_matches('/'),
            interpreters: &cx.contract.surface.interpreters,
            root_vars: &cx.contract.layout.helper_root_vars,
        }
    }

    /// How to evaluate a command that starts in `cwd` (`None`: unknown). The variables that
    /// name the repository root are `[layout] helper_root_vars` and [`ROOT_VAR`].
    pub fn eval_options(&self, cwd: Option<StaticValue>) -> EvalOptions<'c> {
        let root_vars = if self.root_vars.iter().any(|v| v == ROOT_VAR) {
            Cow::Borrowed(self.root_vars)
        } else {
            let mut owned = self.root_vars.to_vec();
            owned.push(ROOT_VAR.to_string());
            Cow::Owned(owned)
        };
        EvalOptions {
            root_vars,
            cwd,
            ..EvalOptions::default()
        }
    }

    /// The script below the ops root that `v` runs, if any (see the module docs).
    ///
    /// `bare_path_runs`: whether a lone relative path in program position runs (in a code
    /// block, a recipe or a workflow step it does; in a prose code span `` `ops/x.sh` `` only
    /// names the file, while `` `./ops/x.sh` `` or `` `ops/x.sh --flag` `` run it).
    pub fn script_run(&self, v: &Visited<'_>, bare_path_runs: bool) -> Option<RepoPath> {
        let program = v.program_word()?;
        let cwd = v.context.cwd.as_ref();
        if program.value.known_prefix().contains('/') || program.value.anchor != Anchor::None {
            let explicit = bare_path_runs
                || !v.args().is_empty()
                || program.value.anchor != Anchor::None
                || program.text.starts_with("./");
            return explicit
                .then(|| self.script_at(&program.value, cwd))
                .flatten();
        }
        let name = v.program_name()?;
        if !self.is_interpreter(&name) {
            return None;
        }
        let operand = script_operand(&name, v.args())?;
        self.script_at(&operand.value, cwd)
    }

    /// Whether `text` may name a path below the ops root: it holds the root's first
    /// directory (`ops`), or the ops root is the repository root. A text that does not
    /// cannot be, nor lead to, an ops script (whatever directory it is read from, that
    /// directory must name it instead).
    pub(crate) fn may_name_ops_path(&self, text: &str) -> bool {
        // memchr's `memmem::find`, not `str::contains`: on a word shorter than 64 bytes it
        // searches without building a searcher, where `contains` set one up per call (120 M
        // instructions for 200,000 recipe lines, callgrind).
        let first = self.ops_root.split('/').next().unwrap_or_default();
        first.is_empty() || memmem::find(text.as_bytes(), first.as_bytes()).is_some()
    }

    /// Whether `name` (a program's file name) is one of `[surface] interpreters`, whose
    /// operand is the script they run.
    pub(crate) fn is_interpreter(&self, name: &str) -> bool {
        self.interpreters.iter().any(|i| i == name)
    }

    /// The existing file below the ops root that `value` names, read from `cwd`.
    fn script_at(&self, value: &StaticValue, cwd: Option<&StaticValue>) -> Option<RepoPath> {
        // A path below the ops root names the root's first component in the value or in the
        // directory it is read from: most programs (`./bin/atlasctl`) name neither, and are
        // answered without building and normalising a path.
        let names = |v: &StaticValue| v.known_str().is_some_and(|t| self.may_name_ops_path(&t));
        if !names(value) && !cwd.is_some_and(names) {
            return None;
        }
        let path = repo_path(value, cwd)?;
        (path.starts_with(self.ops_root) && path.as_str() != self.ops_root)
            .then_some(path)
            .filter(|p| self.index.is_file(p.as_str()))
    }
}

/// The repository path a known value names: anchored at the root, or relative to a `cwd`
/// anchored at the root. `None` for absolute paths, unknown parts, or a relative path whose
/// directory is unknown.
pub fn repo_path(value: &StaticValue, cwd: Option<&StaticValue>) -> Option<RepoPath> {
    let text = value.as_known()?;
    match value.anchor {
        Anchor::Root => RepoPath::normalize(&text),
        Anchor::ScriptDir => None,
        Anchor::None if text.starts_with(['/', '~']) || text.is_empty() => None,
        Anchor::None => {
            let cwd = cwd.filter(|c| c.anchor == Anchor::Root)?.as_known()?;
            RepoPath::normalize(&format!("{cwd}/{text}"))
        }
    }
}

/// The operand an interpreter runs as a script: the first word after its own options.
/// `None` when it runs a string or a module instead (`bash -c`, `python3 -m`, `python3 -c`)
/// or reads standard input.
fn script_operand<'v, 's>(
    interpreter: &str,
    args: &'v [Evaluated<'s>],
) -> Option<&'v Evaluated<'s>> {
    let python = interpreter.starts_with("python");
    let sourcing = matches!(interpreter, "source" | ".");
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        let word = &*arg.text;
        if sourcing || word == "-" || !(word.starts_with('-') || (!python && word.starts_with('+')))
        {
            return (word != "-").then_some(arg);
        }
        if word == "--" {
            return args.get(i + 1);
        }
        let short = !word.starts_with("--");
        if python {
            // `-m module`, `-c command`; `-W arg`, `-X opt` take an argument.
            match word.chars().nth(1) {
                Some('m' | 'c') if short => return None,
                Some('W' | 'X') if short && word.len() == 2 => i += 1,
                _ => {}
            }
        } else if short && word[1..].contains('c') {
            return None;
        } else if matches!(word, "-o" | "+o" | "-O" | "+O" | "--rcfile" | "--init-file") {
            i += 1;
        }
        i += 1;
    }
    None
}

/// The program's name when `v` runs make (`make`, `gmake`, `/usr/bin/make`; `$(MAKE)` is
/// `make` once the make reader expanded it).
pub fn is_make(v: &Visited<'_>) -> bool {
    v.program_file_name().is_some_and(|p| is_make_name(&p))
}

/// A program file name that runs make.
pub(crate) fn is_make_name(name: &str) -> bool {
    matches!(name, "make" | "gmake")
}

/// The targets a make call names, in order: its operands that are not options, option
/// arguments (`-C dir`, `-f file`) or variable assignments (`X=1`).
pub fn make_targets<'v, 's>(v: &'v Visited<'s>) -> Vec<&'v Evaluated<'s>> {
    if !is_make(v) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut skip = false;
    for arg in v.args() {
        let word = &*arg.text;
        if std::mem::take(&mut skip) {
            continue;
        }
        if matches!(
            word,
            "-C" | "-f"
                | "-I"
                | "-o"
                | "-W"
                | "--file"
                | "--makefile"
                | "--directory"
                | "--include-dir"
                | "--old-file"
                | "--assume-old"
                | "--new-file"
                | "--assume-new"
                | "--what-if"
        ) {
            skip = true;
        } else if !word.starts_with('-') && !word.contains('=') {
            out.push(arg);
        }
    }
    out
}

/// The configured operator CLIs (`[surface] operator_cli`), each split into its words once
/// per check rather than once per recipe line.
pub struct OperatorCli<'c>(Vec<Vec<&'c str>>);

impl<'c> OperatorCli<'c> {
    /// Each of `clis` (`"atlasctl ops"`), split on whitespace; empty ones match nothing.
    pub fn new(clis: &'c [String]) -> OperatorCli<'c> {
        OperatorCli(
            clis.iter()
                .map(|c| c.split_whitespace().collect::<Vec<_>>())
                .filter(|words| !words.is_empty())
                .collect(),
        )
    }

    /// Does `v` call one of the CLIs? Its program and the words after it start with the
    /// CLI's words (values when known, else as written).
    pub fn called_by(&self, v: &Visited<'_>) -> bool {
        let Some(start) = v.program else {
            return false;
        };
        let words = &v.words[start..];
        self.any_prefix(words.len(), |i, c| words[i].key_str() == c)
    }

    /// Do `words` (a program and the words after it, as plain text) start with one of the
    /// CLIs' words?
    pub fn starts<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.any_prefix(words.len(), |i, c| words[i].as_ref() == c)
    }

    /// Is some CLI at most `len` words long with `word_is(i, its word i)` for each word?
    fn any_prefix(&self, len: usize, word_is: impl Fn(usize, &str) -> bool) -> bool {
        self.0
            .iter()
            .any(|cli| cli.len() <= len && cli.iter().enumerate().all(|(i, c)| word_is(i, c)))
    }
}

/// Does `v` only print or do nothing (`echo`, `printf`, `:`, `true`)?
pub fn is_message(v: &Visited<'_>) -> bool {
    v.program_file_name().is_some_and(|p| is_message_name(&p))
}

/// A program file name that only prints or does nothing.
pub(crate) fn is_message_name(name: &str) -> bool {
    matches!(name, "echo" | "printf" | ":" | "true")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;
    use ops_syntax::shell::{Script, VisitedKind, walk};

    fn runs(repo: &TestRepo, text: &str, bare: bool) -> Vec<String> {
        let run = repo.context();
        let cx = run.cx();
        let judge = Judge::new(&cx);
        let script = Script::fragment(text);
        let opts = judge.eval_options(Some(StaticValue::anchored(Anchor::Root, "")));
        let mut out = Vec::new();
        walk(&script, &opts, &mut |v| {
            if let VisitedKind::Simple(_) = v.kind
                && let Some(p) = judge.script_run(v, bare)
            {
                out.push(p.as_str().to_string());
            }
        });
        out
    }

    fn repo() -> TestRepo {
        TestRepo::new()
            .script("ops/stack/scripts/stack-up.sh", "#!/bin/sh\n")
            .file("ops/load/scripts/run.py", "print(1)\n")
            .dir("ops/scripts")
    }

    #[test]
    fn programs_and_interpreter_operands_that_are_ops_scripts() {
        let r = repo();
        for (text, bare) in [
            ("./ops/stack/scripts/stack-up.sh --profile kind", false),
            ("PROFILE=local bash -x ops/stack/scripts/stack-up.sh", false),
            ("sudo -E bash -eu ./ops/stack/scripts/stack-up.sh", false),
            ("\"$ROOT\"/ops/stack/scripts/stack-up.sh", false),
            ("cd ops/stack/scripts && ./stack-up.sh", false),
            ("cd ops/stack && bash scripts/stack-up.sh", false),
            ("source ops/stack/scripts/stack-up.sh", false),
            ("bash -o pipefail -- ops/stack/scripts/stack-up.sh", false),
            ("ops/stack/scripts/stack-up.sh", true),
            ("python3 -u ops/load/scripts/run.py", false),
        ] {
            assert_eq!(runs(&r, text, bare).len(), 1, "{text}");
        }
    }

    /// Issue 11 item 6: arguments, directories, globs, modules and strings are not calls.
    #[test]
    fn mentions_are_not_calls() {
        let r = repo();
        for text in [
            "ruff check ops/scripts tests",
            "echo see ops/stack/scripts/stack-up.sh",
            "shellcheck -x ops/*/scripts/*.sh",
            "python3 -m pytest ops/load/scripts",
            "bash -c ops/stack/scripts/stack-up.sh",
            "bash ops/stack/scripts/missing.sh",
            "bash ops/scripts",
            "stack-up.sh",
            "cd /tmp && ./stack-up.sh",
            "cd $DIR && ./stack-up.sh",
            "$UNKNOWN/ops/stack/scripts/stack-up.sh",
            "ops/stack/scripts/stack-up.sh",
            "bash opsx/stack-up.sh",
        ] {
            assert_eq!(runs(&r, text, false), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn make_targets_and_cli_calls() {
        let script = Script::fragment("make -C sub -s ops-a X=1 ops-b && atlasctl ops up");
        let mut got = Vec::new();
        walk(&script, &EvalOptions::default(), &mut |v| {
            let targets: Vec<String> = make_targets(v).iter().map(|e| e.key()).collect();
            got.push((
                targets,
                OperatorCli::new(&["atlasctl ops".to_string()]).called_by(v),
            ));
        });
        assert_eq!(
            got,
            [
                (vec!["ops-a".to_string(), "ops-b".to_string()], false),
                (vec![], true)
            ]
        );
    }
}
