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
    let mut seen = hashbrown::HashSet::with_capacity(
        db.explicit_rules()
            .chain(db.pattern_rules())
            .map(|r| r.recipe.len())
            .sum(),
    );
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

/// Whether the makefile `text` may hold a write site for [`read`]. `false` only when the
/// read is certain to find none, so that it is not run: a generated makefile of 200,000
/// thin wrappers (`$(CLI) ops x run`) cost ART009 a whole GNU make read of it for nothing.
///
/// [`read`] finds a site in an assignment of an output-named variable (a line with `=`,
/// or a `define`) or in a recipe line whose expansion [`tools::shell_may_write`] accepts.
/// Neither can come out of a text that:
///
/// - holds no write sign ([`tools::shell_may_write`] of the whole text: no `>`, no `=`,
///   no write program's name) and no `define`, so it assigns nothing;
/// - references only `$$` and variables the read leaves undefined: not one make
///   predefines ([`make::is_predefined`]), not a configured root variable, not an
///   automatic variable (`$@`), not a function call (`$(shell ...)`): `$(NAME)`,
///   `${NAME}` or `$N` with a plain name.
///
/// Undefined variables are unknown in this read: each such reference expands to the
/// unknown mark, so a recipe line's expansion is its own text with marks in place of the
/// references. A mark is no part of any sign and separates the text around it, so the
/// expansion holds no sign that the text does not.
pub fn may_write(text: &str, vocab: &Vocabulary) -> bool {
    if tools::shell_may_write(text) || text.contains("define") {
        return true;
    }
    let plain = |name: &str| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            && !make::is_predefined(name)
            && !vocab.is_root_variable(name)
    };
    let bytes = text.as_bytes();
    let mut rest = 0;
    while let Some(at) = memchr::memchr(b'$', &bytes[rest..]) {
        let i = rest + at;
        let (name, next) = match bytes.get(i + 1) {
            Some(b'$') => {
                rest = i + 2;
                continue;
            }
            Some(&open @ (b'(' | b'{')) => {
                let close = if open == b'(' { b')' } else { b'}' };
                let Some(len) = memchr::memchr(close, &bytes[i + 2..]) else {
                    return true;
                };
                (&text[i + 2..i + 2 + len], i + 3 + len)
            }
            Some(_) => {
                let end = text[i + 1..]
                    .char_indices()
                    .nth(1)
                    .map_or(text.len(), |(n, _)| i + 1 + n);
                (&text[i + 1..end], end)
            }
            None => return true,
        };
        if !plain(name) {
            return true;
        }
        rest = next;
    }
    false
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

    fn may(text: &str) -> bool {
        may_write(text, &Vocabulary::of(&ArtifactsConfig::default()))
    }

    #[test]
    fn may_write_only_when_a_sign_or_a_defined_reference_is_there() {
        let thin = "# Generated wrappers.\n.PHONY: a b\na:\n\t$(CLI) ops a --id 1\nb:\n\t@${CLI} ops b $$HOME $V\n";
        assert!(!may(thin));
        for text in [
            "a:\n\tcp x y\n",
            "a:\n\techo x > y\n",
            "OUT = x\n",
            "define OUT\nx\nendef\n",
            "a:\n\t$(CC)p x y\n",
            "a:\n\t$(MAKEFILE_LIST) x\n",
            "a:\n\t$(REPO_ROOT)/x\n",
            "a:\n\t$@ x\n",
            "a:\n\t$(subst x,p,cx) a b\n",
            "a:\n\t$(A$(B)) x\n",
            "a:\n\t$(A x\n",
            "a:\n\tx $",
        ] {
            assert!(may(text), "{text:?}");
        }
    }

    proptest::proptest! {
        /// Where `may_write` says no, the read finds nothing.
        #[test]
        fn no_site_where_may_write_says_no(lines in proptest::collection::vec(proptest::sample::select(vec![
            "a:", "b: a", ".PHONY: a b", "\t$(CLI) ops run --id 1", "\tc$(X)p a b",
            "\t$(CC)p a b", "\t$$HOME/bin/x", "\t$@ a", "\tc''p a b", "\tcp a b",
            "\techo x > out.txt", "OUT_DIR = artifacts/x", "define OUT_DIR", "artifacts/y",
            "endef", "\tmkdir -p $(OUT_DIR)", "\t$(shell echo cp) a b",
            "\t$(subst x,p,cx) a b", "ifdef X", "endif", "include other.mk", "\t$(MAKE) -C x",
            "\t${REPO_ROOT}/x", "\t$(MAKEFILE_LIST)p", "# tee", "\tt\\", "\tee x", "\t$X$Yp",
            "x%: y%", "\t$*.c",
        ]), 0..12)) {
            let text = lines.join("\n");
            if !may(&text) {
                proptest::prop_assert_eq!(sites(&text), Vec::<String>::new(), "{}", text);
            }
        }
    }
}
