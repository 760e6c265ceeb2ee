//! What a read gives: the [`Database`] of rules, variables, includes and problems, and the
//! queries rules ask of it. Every list is in reading order and every map is sorted, so the
//! same makefiles give the same database.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use ops_model::RepoPath;

use crate::value::StaticValue;

use super::limits::BudgetKind;
use super::pattern::RuleIndex;
use super::tables::{RuleDraft, Tables};
use super::target_map::TargetMap;
use super::vars::{AssignOp, Flavor, Origin};

/// A line of a makefile.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The makefile, repository-relative.
    pub file: RepoPath,
    /// 1-based number of the (first physical) line.
    pub line: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// The kind of a rule (GNU make manual chapter 4 and 10.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleKind {
    /// `targets: prerequisites`: each target is made separately by the same recipe (4.10).
    Explicit,
    /// `target:: prerequisites`: each `::` rule of a target has its own recipe (4.13).
    DoubleColon,
    /// `a b &: prerequisites` (GNU make 4.3): one run of the recipe makes all targets (4.10).
    Grouped,
    /// `targets: target-pattern: prereq-patterns` (4.12).
    StaticPattern,
    /// `%.o: %.c`: an implicit rule for every target its pattern matches (10.5).
    Pattern,
}

/// One line of a recipe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecipeLine {
    /// The recipe line (its first physical line).
    pub position: Position,
    /// As written after the recipe prefix. A line continued with backslash-newline keeps
    /// them, and the recipe prefix at the start of each continuation line is removed: make
    /// hands both to the shell that way (GNU make manual 5.1.1).
    pub raw: Arc<str>,
    /// `raw` expanded for the target (automatic and target-specific variables included),
    /// `$$` made `$`: the text make hands to the shell, with
    /// [`UNKNOWN_MARK`](crate::UNKNOWN_MARK) for each unknown stretch and the repository root
    /// written as [`Options::root_text`](super::Options::root_text).
    pub expanded: Arc<str>,
    /// In a branch of a conditional whose condition is unknown.
    pub conditional: bool,
}

impl RecipeLine {
    /// The shell command: `expanded` without make's line prefixes `@`, `-` and `+` (5.2,
    /// 5.5, 9.3) and the blanks around them.
    pub fn command(&self) -> &str {
        self.expanded
            .trim_start_matches(['@', '-', '+', ' ', '\t'])
            .trim_end()
    }

    /// A line the shell ignores: empty, or a shell comment.
    pub fn is_comment(&self) -> bool {
        let c = self.command();
        c.is_empty() || c.starts_with('#')
    }
}

/// A rule as it applies to one target (a rule with several targets gives one per target;
/// they share their lists, so a rule with many targets costs linear memory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Every target of the rule line, expanded (the patterns, for a pattern rule).
    pub targets: Arc<[String]>,
    /// Explicit, double-colon, grouped, static pattern or pattern.
    pub kind: RuleKind,
    /// Normal prerequisites, expanded, in order (duplicates kept).
    pub prerequisites: Arc<[String]>,
    /// Order-only prerequisites (after `|`, GNU make manual 4.3).
    pub order_only: Arc<[String]>,
    /// The stem (`$*`) for static pattern and pattern rules.
    pub stem: Option<String>,
    /// The rule line.
    pub position: Position,
    /// The recipe lines, in order (an inline `; recipe` first).
    pub recipe: Vec<RecipeLine>,
    /// In a branch of a conditional whose condition is unknown: make may not see it.
    pub conditional: bool,
}

/// A variable after the whole read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variable {
    /// Recursive or simple (GNU make manual 6.2).
    pub flavor: Flavor,
    /// Where the value comes from (GNU make manual 8.11).
    pub origin: Origin,
    /// The value as stored: unexpanded for a recursive variable, expanded for a simple one
    /// ([`UNKNOWN_MARK`](crate::UNKNOWN_MARK) for unknown stretches).
    pub raw: String,
    /// The value expanded in the global scope (automatic variables are unknown there).
    pub value: StaticValue,
    /// The last assignment, `None` for built-in and caller-given variables.
    pub position: Option<Position>,
    /// Assigned under a condition whose value is unknown: `value` is then unknown.
    pub conditional: bool,
}

/// One assignment line, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// The variable assigned (its name expanded).
    pub name: String,
    /// The operator.
    pub op: AssignOp,
    /// The value as written (comment removed, leading blanks removed).
    pub raw: String,
    /// The assignment line.
    pub position: Position,
    /// `Some(target)` for a target-specific assignment, `Some(pattern)` for a
    /// pattern-specific one.
    pub target: Option<String>,
    /// Under a condition whose value is unknown.
    pub conditional: bool,
}

/// What happened to one makefile the read met.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IncludeStatus {
    /// Read.
    Read,
    /// Not there.
    Missing {
        /// Included with `-include` or `sinclude`: make goes on without it.
        optional: bool,
    },
    /// There but unreadable: the loader's reason.
    Unreadable(String),
    /// Already being read (an include cycle): not read again.
    Cyclic,
    /// Not read: past a budget of [`Limits`](super::Limits).
    OverBudget(BudgetKind),
}

/// A makefile the read met: the root (with `from` `None`) or an include.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncludedFile {
    /// The makefile, repository-relative and normalised.
    pub path: RepoPath,
    /// The include line.
    pub from: Option<Position>,
    /// What happened to it.
    pub status: IncludeStatus,
}

/// What a [`Problem`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    /// The root makefile does not exist.
    RootMissing,
    /// An `include` of a file that does not exist: make stops.
    IncludeMissing,
    /// A makefile exists but cannot be read: what it defines is not seen.
    Unreadable,
    /// An include path that is unknown statically, absolute or outside the repository.
    IncludeUnresolved,
    /// A makefile includes itself, directly or not.
    IncludeCycle,
    /// A limit of [`Limits`](super::Limits) was reached: the value or file is unknown.
    Budget(BudgetKind),
    /// Something make reports as an error or warning while reading (missing separator,
    /// unterminated reference, `else` without `if`, ...).
    Syntax,
    /// `$(error ...)` is expanded: make stops there.
    Error,
    /// `$(eval ...)` is expanded: the rules and variables it defines are not seen.
    Eval,
    /// A target name is unknown statically: that rule is not seen under its name.
    UnknownTarget,
    /// A conditional's condition is unknown: both branches are read, and what they define
    /// is marked conditional.
    UnknownCondition,
}

/// Something the read could not follow, with where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What the problem is about.
    pub kind: ProblemKind,
    /// The line, when the problem has one.
    pub position: Option<Position>,
    /// What happened, for a person.
    pub message: String,
}

/// The result of [`Database::resolve`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution<'a> {
    /// The explicit rules of the target, in reading order.
    pub explicit: &'a [Rule],
    /// The pattern rule make uses, instantiated for the target: only when no explicit rule
    /// has a recipe and the target is not `.PHONY`.
    pub implicit: Option<Rule>,
}

/// Everything a read found. Built by [`read`](super::read).
#[derive(Clone, Debug)]
pub struct Database {
    pub(crate) files: Vec<IncludedFile>,
    pub(crate) explicit: TargetMap<Rule>,
    pub(crate) patterns: Vec<RuleDraft>,
    pub(crate) pattern_index: RuleIndex,
    pub(crate) phony: TargetMap<Position>,
    pub(crate) variables: BTreeMap<String, Variable>,
    pub(crate) assignments: Vec<Assignment>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) default_goal: Option<String>,
    pub(crate) tables: Tables,
}

/// Special targets (`.PHONY`, `.SUFFIXES`, ...; GNU make manual 4.8): not things anyone runs.
pub fn is_special_target(name: &str) -> bool {
    name.len() > 1
        && name.starts_with('.')
        && name[1..]
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_')
}

impl Database {
    /// Every makefile met, root first, in reading order, whatever happened to it.
    pub fn files(&self) -> &[IncludedFile] {
        &self.files
    }

    /// The makefiles actually read, in reading order.
    pub fn read_files(&self) -> impl Iterator<Item = &RepoPath> {
        self.files
            .iter()
            .filter(|f| f.status == IncludeStatus::Read)
            .map(|f| &f.path)
    }

    /// The explicit rules naming `target`, in reading order (empty when none). Of
    /// single-colon rules make runs the recipe of the last one that has one.
    pub fn rules_for(&self, target: &str) -> &[Rule] {
        self.explicit.get(target).unwrap_or_default()
    }

    /// Every target with an explicit rule, sorted, special targets left out.
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        self.explicit
            .keys()
            .map(String::as_str)
            .filter(|t| !is_special_target(t))
    }

    /// Every explicit rule, by target ([`targets`](Self::targets) order, special targets
    /// left out), each target's rules in reading order: what `targets()` then
    /// [`rules_for`](Self::rules_for) give, without looking each target up again.
    pub fn explicit_rules(&self) -> impl Iterator<Item = &Rule> {
        self.explicit
            .iter()
            .filter(|(t, _)| !is_special_target(t))
            .flat_map(|(_, rules)| rules)
    }

    /// The pattern rules, in reading order, recipes unexpanded (`expanded` is `raw`
    /// expanded without a target: automatic variables unknown).
    pub fn pattern_rules(&self) -> impl Iterator<Item = &Rule> {
        self.patterns.iter().map(|d| &d.rule)
    }

    /// The rules make would use for `target`: its explicit rules, and the pattern rule that
    /// provides its recipe when none of them has one and it is not `.PHONY` (GNU make
    /// manual 10.8: among matching pattern rules with a recipe, the one with the shortest
    /// stem, then the first). A pattern rule whose prerequisites are not targets is taken to
    /// apply: whether those files exist is not known after the read.
    pub fn resolve(&self, target: &str) -> Resolution<'_> {
        let explicit = self.rules_for(target);
        let implicit = if self.searches_implicit(target, explicit) {
            self.implicit_rule(target)
        } else {
            None
        };
        Resolution { explicit, implicit }
    }

    /// Whether make looks for a pattern rule for `target`, whose explicit rules are
    /// `explicit`: when none of them has a recipe and it is not `.PHONY` (the cheap half of
    /// [`resolve`](Self::resolve), for callers that cache the costly half).
    pub fn searches_implicit(&self, target: &str, explicit: &[Rule]) -> bool {
        !explicit.iter().any(|r| !r.recipe.is_empty()) && !self.phony.contains_key(target)
    }

    /// The pattern rule that provides a recipe for `target`, instantiated for it (its
    /// recipe expanded with the stem), whether or not make would search for one (see
    /// [`searches_implicit`](Self::searches_implicit)).
    pub fn implicit_rule(&self, target: &str) -> Option<Rule> {
        self.tables
            .implicit_rule(&self.patterns, &self.pattern_index, target)
    }

    /// True when make has a rule for `target`: an explicit one, or a pattern rule with a
    /// recipe when `target` is not `.PHONY` (GNU make 4.3 skips implicit rule search for
    /// phony targets, manual 4.6).
    pub fn is_defined(&self, target: &str) -> bool {
        let r = self.resolve(target);
        !r.explicit.is_empty() || r.implicit.is_some()
    }

    /// The lines listing `target` as a prerequisite of `.PHONY`, when it is.
    pub fn phony(&self, target: &str) -> Option<&[Position]> {
        self.phony.get(target)
    }

    /// Every `.PHONY` name with its lines, sorted by name.
    pub fn phony_names(&self) -> impl Iterator<Item = (&str, &[Position])> {
        self.phony.iter().map(|(n, p)| (n.as_str(), p))
    }

    /// The variable `name` after the whole read.
    pub fn variable(&self, name: &str) -> Option<&Variable> {
        self.variables.get(name)
    }

    /// Every variable, sorted by name.
    pub fn variables(&self) -> impl Iterator<Item = (&str, &Variable)> {
        self.variables.iter().map(|(n, v)| (n.as_str(), v))
    }

    /// Every assignment line, in reading order.
    pub fn assignments(&self) -> &[Assignment] {
        &self.assignments
    }

    /// What the read could not follow, in reading order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The target `make` alone builds: the first target of the first rule that is not a
    /// pattern rule and does not start with `.` (GNU make manual 2.3).
    pub fn default_goal(&self) -> Option<&str> {
        self.default_goal.as_deref()
    }

    /// Expands `text` with the variables as they are after the read (automatic variables
    /// and `$(wildcard)` unknown), within the read's limits.
    pub fn expand(&self, text: &str) -> StaticValue {
        self.tables.expand_value(text)
    }
}
