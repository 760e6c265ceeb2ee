//! Write sites of a makefile, from the `ops-syntax` GNU make reader: assignments of
//! variables named like output locations (`OUT_DIR ?= artifacts/x`), and the recipe lines,
//! each expanded by make and then walked as shell.
//!
//! A makefile is read on its own (its includes are not followed: the scan reads each file
//! once), with the variables it does not define unknown rather than empty, and the
//! configured root variables given on the command line as the repository root.

use ops_model::RepoPath;
use ops_model::contract::MakeLimits;
use ops_syntax::make::{self, AssignOp, MemoryLoader, Options};
use ops_syntax::shell::{EvalOptions, Script};
use ops_syntax::{Anchor, StaticValue};

use super::{Certainty, Cwd, Site, Via, Vocabulary, resolve, shell, tools};

/// How the repository root is written in recipe text handed to the shell walk: a variable
/// the walk knows as the root.
const ROOT_VARIABLE: &str = "OPS_CHECK_REPO_ROOT";

/// The write sites of the makefile `path` with text `text`, in line order. Recipe writes
/// whose target lies at or below the value of an output-named variable assigned in the file
/// name that variable as their [`Site::via`] (make hands the shell the expanded value, so
/// the value is what ties them).
/// The reader runs within `limits` (`[limits.make]`).
pub fn read(path: &RepoPath, text: &str, vocab: &Vocabulary, limits: &MakeLimits) -> Vec<Site> {
    let loader = MemoryLoader::new().file(path.as_str(), text);
    let options = Options {
        command_line: vocab
            .root_variables
            .iter()
            .map(|v| (v.clone(), StaticValue::anchored(Anchor::Root, "")))
            .collect(),
        undefined_unknown: true,
        root_text: format!("${{{ROOT_VARIABLE}}}"),
        limits: *limits,
        ..Options::default()
    };
    let db = make::read(path.as_str(), &loader, &options);

    let mut sites = Vec::new();
    for a in db.assignments() {
        if a.position.file != *path
            || a.target.is_some()
            || matches!(a.op, AssignOp::Append | AssignOp::Shell)
            || vocab.is_root_variable(&a.name)
            || !vocab.is_output_name(&a.name)
        {
            continue;
        }
        let raw = a.raw.trim();
        let value = db.expand(raw);
        // A list of words is not one output location.
        if value.known_prefix().trim().contains(char::is_whitespace) {
            continue;
        }
        sites.push(Site {
            line: a.position.line,
            what: format!("assignment of `{}`", a.name),
            raw: raw.to_string(),
            value: trim_end(value),
            cwd: Cwd::Start,
            via: None,
            name: Some(a.name.clone()),
            certainty: Certainty::Named,
        });
    }

    let opts = EvalOptions {
        root_vars: vec![ROOT_VARIABLE.to_string()].into(),
        ..EvalOptions::default()
    };
    // Only asked "seen before?": hashed, one lookup a recipe line of a large makefile.
    let mut seen = hashbrown::HashSet::new();
    let rules = db.explicit_rules().chain(db.pattern_rules());
    for rule in rules {
        for line in &rule.recipe {
            if line.position.file != *path
                || line.is_comment()
                || !seen.insert((line.position.line, line.expanded.clone()))
            {
                continue;
            }
            // A recipe line is parsed only when it may write, as a script file is: on a
            // large surface most lines run a CLI and nothing else.
            if !tools::shell_may_write(line.command()) {
                continue;
            }
            let script = Script::fragment(line.command());
            sites.extend(shell::read(&script, &opts, vocab, line.position.line));
        }
    }
    attribute(&mut sites, path);
    sites.sort_by(|a, b| (a.line, &a.what).cmp(&(b.line, &b.what)));
    sites
}

/// Sets the `via` of each recipe write that lies at or below the value of an output-named
/// assignment of the file (the longest such value).
fn attribute(sites: &mut [Site], path: &RepoPath) {
    let dir = path.parent().unwrap_or_default();
    let anywhere = |_: &str| true;
    let roots: Vec<(RepoPath, Via)> = sites
        .iter()
        .filter(|s| s.certainty == Certainty::Named)
        .filter_map(|s| {
            let r = resolve(&s.value, &s.cwd, &dir, &anywhere)?;
            let name = s.name.clone()?;
            r.complete.then_some((r.path, Via { name, line: s.line }))
        })
        .collect();
    for site in sites
        .iter_mut()
        .filter(|s| s.certainty == Certainty::Writes)
    {
        let Some(r) = resolve(&site.value, &site.cwd, &dir, &anywhere) else {
            continue;
        };
        site.via = roots
            .iter()
            .filter(|(root, _)| r.path.starts_with(root.as_str()))
            .max_by_key(|(root, _)| root.as_str().len())
            .map(|(_, via)| via.clone());
    }
}

/// `value` without trailing blanks (make keeps them in a value).
fn trim_end(mut value: StaticValue) -> StaticValue {
    if let Some(ops_syntax::Part::Text(t)) = value.parts.last_mut() {
        let trimmed = t.trim_end().len();
        t.truncate(trimmed);
        if t.is_empty() {
            value.parts.pop();
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::contract::ArtifactsConfig;

    fn sites(text: &str) -> Vec<String> {
        let vocab = Vocabulary::of(&ArtifactsConfig::default());
        read(
            &RepoPath::new("makefiles/x.mk"),
            text,
            &vocab,
            &MakeLimits::default(),
        )
        .into_iter()
        .map(|s| {
            let via = s.via.map(|v| format!(" via {}@{}", v.name, v.line));
            format!(
                "{} {} {}{}",
                s.line,
                s.what,
                s.value,
                via.unwrap_or_default()
            )
        })
        .collect()
    }

    #[test]
    fn assignments_and_recipes() {
        let mk = "ATLASCTL ?= ./bin/atlasctl\nLOAD_OUT_DIR ?= artifacts/load\nREPORT := $(abspath ops/_artifacts/r.json)\n\nx:\n\t@mkdir -p $(LOAD_OUT_DIR)/a\n\t$(ATLASCTL) run > $(CURDIR)/artifacts/log.txt\n\techo $$HOME > /tmp/x\n";
        assert_eq!(
            sites(mk),
            [
                "2 assignment of `LOAD_OUT_DIR` artifacts/load",
                "3 assignment of `REPORT` $ROOT/ops/_artifacts/r.json",
                "6 `mkdir` artifacts/load/a via LOAD_OUT_DIR@2",
                "7 redirection `>` $ROOT/artifacts/log.txt",
                "8 redirection `>` /tmp/x",
            ]
        );
    }

    #[test]
    fn root_variables_lists_and_unknowns() {
        assert_eq!(
            sites(
                "ROOT := $(shell git rev-parse --show-toplevel)\nOUTPUTS = a b\nOUT := $(shell mktemp -d)\nOUT_X = $(DIR)/x\nRUN_DIR = $(ROOT)/artifacts/run\n"
            ),
            [
                "3 assignment of `OUT` …",
                "4 assignment of `OUT_X` …/x",
                "5 assignment of `RUN_DIR` $ROOT/artifacts/run",
            ]
        );
    }

    /// Recipe lines are judged by what make hands the shell: a write program that comes
    /// from a variable is seen, a line that only runs a CLI is not parsed.
    #[test]
    fn recipe_lines_are_read_after_expansion() {
        assert_eq!(
            sites(
                "MKDIR = mkdir -p\nCLI = ./bin/atlasctl\n\nx:\n\t$(CLI) ops run\n\t$(MKDIR) artifacts/x\n"
            ),
            ["6 `mkdir` artifacts/x"]
        );
    }
}
