//! GNU make: one reader of makefiles, a pure function of their text.
//!
//! [`read`] reads a root makefile and everything it includes, through a [`Loader`] the
//! caller provides (no file system), and gives a [`Database`]: targets with their rules
//! and recipes (raw, and expanded for the shell with [`UNKNOWN_MARK`]
//! for what cannot be known), `.PHONY` names, variables as [`StaticValue`]s, the makefiles
//! read, and the problems met, each with its file and line. It follows GNU make 4.3 as the
//! GNU make manual describes it; each part cites the section it follows.
//!
//! What is static and what is not:
//! - Variables the makefiles assign are known; undefined ones are empty, as with an empty
//!   environment (the caller passes the environment and command-line variables it assumes
//!   in [`Options`], or asks for undefined ones to be unknown with
//!   [`Options::undefined_unknown`]). `!=` and `$(shell ...)` are always unknown: nothing is run.
//! - Functions are evaluated when their arguments are known, otherwise they give one
//!   unknown stretch, never text that looks like a command. `$(eval ...)` is unknown and
//!   noted: the rules and variables it defines are not seen.
//! - A conditional whose condition is unknown: both branches are read; rules and recipe
//!   lines in them are marked `conditional`, variables assigned in them become unknown and
//!   conditional, and a [`ProblemKind::UnknownCondition`] says where.
//! - Recipes are expanded after the whole read, for each target, with the automatic
//!   variables (`$@`, `$<`, `$^`, `$*`, `$(@D)`, ...) and the target- and pattern-specific
//!   variables of that target (not those inherited from the targets that need it).
//! - `$(abspath)`, `$(realpath)` and `$(CURDIR)` are relative to the repository root anchor
//!   (make runs in [`Options::directory`]); in recipe text it is written as
//!   [`Options::root_text`].
//! - Not modelled: `vpath`, `.SECONDEXPANSION`, `.ONESHELL`, suffix rules, remaking
//!   included makefiles, the built-in implicit rules, `.DEFAULT`.
//!
//! Every read is bounded by [`Limits`]: past one the value is unknown and one
//! [`ProblemKind::Budget`] problem names the variable (or file) and the limit.

mod assign;
mod cond;
mod database;
mod directive;
mod expand;
mod finish;
mod functions;
mod include;
mod limits;
mod lines;
mod loader;
mod pattern;
mod reader;
mod repo_loader;
mod rule_line;
mod suffixes;
mod tables;
mod target_map;
mod text_fns;
mod vars;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::UNKNOWN_MARK;
use crate::value::StaticValue;

pub use database::{
    Assignment, Database, IncludeStatus, IncludedFile, Position, Problem, ProblemKind, RecipeLine,
    Resolution, Rule, RuleKind, Variable, is_special_target,
};
pub use limits::{BudgetKind, Limits};
pub use loader::{Loaded, Loader, MemoryLoader, glob_matcher};
pub use repo_loader::RepoLoader;
pub use vars::{AssignOp, Flavor, Origin};

use reader::Reader;
use tables::Tables;
use vars::Var;

/// Stands for the repository root at the start of a word inside the reader (a private-use
/// character; one found in a makefile is read as unknown).
pub(crate) const ROOT_MARK: char = '\u{E000}';
/// Stands for the directory of the file being read, likewise.
pub(crate) const DIR_MARK: char = '\u{E001}';

/// True when `text` holds [`ROOT_MARK`] or [`DIR_MARK`]. Their first UTF-8 byte (0xEE) is
/// looked for first, as [`has_unknown_mark`](crate::value::has_unknown_mark) does: a
/// `contains` with characters decodes every character of every target name.
pub(crate) fn has_place_mark(text: &str) -> bool {
    text.as_bytes().contains(&0xEE) && text.contains([ROOT_MARK, DIR_MARK])
}

/// How to read: make's working directory, the variables the caller assumes, and limits.
#[derive(Clone, Debug)]
pub struct Options {
    /// make's working directory, repository-relative (`""`: the root). Include and
    /// `$(wildcard)` paths are relative to it; `$(CURDIR)` is the root anchor joined to it.
    pub directory: String,
    /// The environment make sees (origin `environment`: makefile assignments replace them).
    /// Undefined variables are empty.
    pub environment: BTreeMap<String, StaticValue>,
    /// Command-line assignments (`make X=1`): makefile assignments without `override` do
    /// not change them. A repository-root variable is given here as
    /// `StaticValue::anchored(Anchor::Root, "")`.
    pub command_line: BTreeMap<String, StaticValue>,
    /// When true, a variable defined nowhere (not in the makefiles, not by the caller) is
    /// unknown rather than empty: the environment make runs in may set it. `ifdef CI` is
    /// then an unknown condition, so what its branches define is seen (as conditional), which
    /// suits "is this target defined"; the default (false) suits "what does this recipe
    /// run": `$(if $(PROFILE),...)` takes its unset branch.
    pub undefined_unknown: bool,
    /// How the repository root anchor is written in expanded recipe text (default `$ROOT`).
    pub root_text: String,
    /// How the script-directory anchor is written in expanded recipe text (default
    /// `$SCRIPT_DIR`).
    pub script_dir_text: String,
    /// The work budget of the read.
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            directory: String::new(),
            environment: BTreeMap::new(),
            command_line: BTreeMap::new(),
            undefined_unknown: false,
            root_text: "$ROOT".to_string(),
            script_dir_text: "$SCRIPT_DIR".to_string(),
            limits: Limits::default(),
        }
    }
}

/// Reads the makefile at `root` (relative to [`Options::directory`], make's working
/// directory: `make -f root` run there) and every makefile it includes. Never fails and
/// never panics: what cannot be read is a [`Problem`].
pub fn read(root: &str, loader: &dyn Loader, options: &Options) -> Database {
    let base = loader::resolve("", &options.directory).unwrap_or_default();
    let mut tables = Tables {
        base: base.clone(),
        root_text: options.root_text.clone(),
        dir_text: options.script_dir_text.clone(),
        limits: options.limits,
        undefined_unknown: options.undefined_unknown,
        ..Tables::default()
    };
    predefine(&mut tables, &base, options);
    let mut reader = Reader::new(loader, tables);
    match loader::resolve(&base, root) {
        Ok(path) => reader.include_file(path, false, None),
        Err(_) => reader.problem(
            ProblemKind::RootMissing,
            None,
            format!("the root makefile `{root}` is outside the repository"),
        ),
    }
    reader.finish()
}

/// Reads one makefile's text alone (its includes are missing): for tests and for callers
/// with the text in hand.
pub fn read_text(path: &str, text: &str) -> Database {
    let loader = MemoryLoader::new().file(path, text);
    read(path, &loader, &Options::default())
}

/// The variables [`read`] defines before the first makefile line, besides the caller's
/// [`Options::environment`] and [`Options::command_line`] (their values in `predefine`).
const PREDEFINED: [&str; 13] = [
    "MAKE",
    "CURDIR",
    "SHELL",
    ".SHELLFLAGS",
    "MAKEFILE_LIST",
    "MAKE_VERSION",
    "MAKEFLAGS",
    "MAKECMDGOALS",
    "MAKELEVEL",
    "CC",
    "CXX",
    "AR",
    "RM",
];

/// Whether [`read`] gives the variable `name` a value of its own before reading (`MAKE`,
/// `CURDIR`, `MAKEFILE_LIST`, `CC`, ...): any other name a makefile does not assign is
/// undefined (empty, or unknown with [`Options::undefined_unknown`]) unless the caller
/// defines it.
pub fn is_predefined(name: &str) -> bool {
    PREDEFINED.contains(&name)
}

/// make's built-in variables that matter statically (GNU make manual 6.14, 10.3), then the
/// caller's environment and command line.
fn predefine(tables: &mut Tables, base: &str, options: &Options) {
    let curdir = if base.is_empty() {
        ROOT_MARK.to_string()
    } else {
        format!("{ROOT_MARK}/{base}")
    };
    let unknown = UNKNOWN_MARK.to_string();
    let values: [&str; PREDEFINED.len()] = [
        "make", &curdir, "/bin/sh", "-c", "", "4.3", &unknown, &unknown, &unknown, "cc", "g++",
        "ar", "rm -f",
    ];
    for (name, value) in PREDEFINED.iter().zip(values) {
        tables.globals.insert(
            name.to_string(),
            Var::new(value, vars::Flavor::Simple, Origin::Default),
        );
    }
    let given = [
        (&options.environment, Origin::Environment),
        (&options.command_line, Origin::CommandLine),
    ];
    for (map, origin) in given {
        for (name, value) in map {
            let text = value.to_marked_text(&ROOT_MARK.to_string(), &DIR_MARK.to_string());
            tables
                .globals
                .insert(name.clone(), Var::new(text, vars::Flavor::Simple, origin));
        }
    }
}
