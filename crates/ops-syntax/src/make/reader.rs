//! The reading loop: one makefile line by line, in the order of GNU make's `eval` in
//! `read.c` (recipe line, assignment, conditional, directive, rule), and includes read where
//! they stand (GNU make manual 3.3 "Including Other Makefiles").

use std::borrow::Cow;
use std::collections::BTreeMap;

use ops_model::RepoPath;

use crate::UNKNOWN_MARK;

use super::cond::{CondStack, State, Tri};
use super::database::{
    Assignment, IncludeStatus, IncludedFile, Position, Problem, ProblemKind,
};
use super::directive::parse_assignment;
use super::expand::{Env, Scope};
use super::limits::{Budget, BudgetKind};
use super::lines::{Group, Lines, first_word, remove_comment, words};
use super::loader::{Loaded, Loader, Refused, has_glob, relative_to, resolve};
use super::tables::{RuleDraft, Tables, expand_reporting};
use super::vars::{Flavor, Var};
use super::{DIR_MARK, ROOT_MARK};

/// Where recipe lines go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Context {
    /// No rule: a line starting with the recipe prefix is an ordinary line.
    None,
    /// The rule at this index of `Reader::rules`.
    Rule(usize),
    /// A rule whose recipe is not kept (`.PHONY`, unknown targets).
    Sink,
}

/// The state of one read over all its makefiles.
pub(crate) struct Reader<'l> {
    pub loader: &'l dyn Loader,
    pub tables: Tables,
    pub budget: Budget,
    pub rules: Vec<RuleDraft>,
    pub phony: BTreeMap<String, Vec<Position>>,
    pub files: Vec<IncludedFile>,
    pub problems: Vec<Problem>,
    pub assignments: Vec<Assignment>,
    pub default_goal: Option<String>,
    /// The recipe prefix (`.RECIPEPREFIX`, GNU make manual 6.14), tab by default.
    pub prefix: char,
    /// Makefiles being read, outermost first.
    stack: Vec<String>,
    includes: usize,
    bytes: usize,
}

impl<'l> Reader<'l> {
    pub fn new(loader: &'l dyn Loader, tables: Tables) -> Reader<'l> {
        Reader {
            loader,
            budget: Budget::new(tables.limits),
            tables,
            rules: Vec::new(),
            phony: BTreeMap::new(),
            files: Vec::new(),
            problems: Vec::new(),
            assignments: Vec::new(),
            default_goal: None,
            prefix: '\t',
            stack: Vec::new(),
            includes: 0,
            bytes: 0,
        }
    }

    /// Records a problem.
    pub fn problem(&mut self, kind: ProblemKind, position: Option<&Position>, message: String) {
        self.problems.push(Problem {
            kind,
            position: position.cloned(),
            message,
        });
    }

    /// Expands `text` in the global scope as it is now; `what` names it in a budget problem.
    pub fn expand(&mut self, text: &str, what: &str, position: &Position) -> String {
        let scope = Scope {
            globals: &self.tables.globals,
            scoped: None,
            auto: None,
        };
        let env = Env {
            loader: Some(self.loader),
            base: &self.tables.base,
        };
        expand_reporting(
            scope,
            env,
            &mut self.budget,
            text,
            what,
            Some(position),
            &mut self.problems,
        )
    }

    /// Reads the makefile at `path` (normalised), included from `from` (`None`: the root).
    pub fn include_file(&mut self, path: String, optional: bool, from: Option<&Position>) {
        let record = |status| IncludedFile {
            path: RepoPath::new(&path),
            from: from.cloned(),
            status,
        };
        let limits = self.tables.limits;
        let over = if self.stack.contains(&path) {
            self.problem(
                ProblemKind::IncludeCycle,
                from,
                format!("`{path}` includes itself (an include cycle); it is not read again"),
            );
            self.files.push(record(IncludeStatus::Cyclic));
            return;
        } else if self.stack.len() > limits.max_include_depth {
            Some(BudgetKind::IncludeDepth)
        } else if from.is_some() && self.includes >= limits.max_includes {
            Some(BudgetKind::IncludeCount)
        } else {
            None
        };
        if let Some(kind) = over {
            self.over_budget(kind, &path, from);
            self.files.push(record(IncludeStatus::OverBudget(kind)));
            return;
        }
        if from.is_some() {
            self.includes += 1;
        }
        let loaded = self.loader.load(&path);
        match loaded {
            Loaded::Missing => {
                if from.is_none() {
                    self.problem(ProblemKind::RootMissing, None, format!("the root makefile `{path}` does not exist"));
                } else if !optional {
                    self.problem(
                        ProblemKind::IncludeMissing,
                        from,
                        format!("included makefile `{path}` does not exist (make stops here)"),
                    );
                }
                self.files.push(record(IncludeStatus::Missing { optional }));
            }
            Loaded::Unreadable(why) => {
                self.problem(
                    ProblemKind::Unreadable,
                    from,
                    format!("makefile `{path}` {why}; what it defines is not seen"),
                );
                self.files.push(record(IncludeStatus::Unreadable(why)));
            }
            Loaded::Text(text) => {
                if text.len() > limits.max_file_bytes
                    || self.bytes.saturating_add(text.len()) > limits.max_total_bytes
                {
                    self.over_budget(BudgetKind::InputSize, &path, from);
                    self.files.push(record(IncludeStatus::OverBudget(BudgetKind::InputSize)));
                    return;
                }
                self.bytes += text.len();
                self.files.push(record(IncludeStatus::Read));
                self.read_file(path, &text);
            }
        }
    }

    fn over_budget(&mut self, kind: BudgetKind, path: &str, from: Option<&Position>) {
        self.problem(
            ProblemKind::Budget(kind),
            from,
            format!("makefile `{path}` is not read: past the {kind}; what it defines is not seen"),
        );
    }

    /// Reads one makefile's text.
    fn read_file(&mut self, path: String, text: &str) {
        // The anchor marks are the reader's own: in a file they are unknown text.
        let text = if text.contains([ROOT_MARK, DIR_MARK]) {
            Cow::Owned(text.replace([ROOT_MARK, DIR_MARK], &UNKNOWN_MARK.to_string()))
        } else {
            Cow::Borrowed(text)
        };
        self.append_makefile_list(&path);
        let file = RepoPath::new(&path);
        self.stack.push(path);
        let mut lines = Lines::new(&text);
        let mut cond = CondStack::default();
        let mut context = Context::None;
        while let Some(group) = lines.next_group() {
            let position = Position { file: file.clone(), line: group.line };
            self.line(&group, &mut lines, &position, &mut cond, &mut context);
        }
        if cond.depth() > 0 {
            let end = Position { file, line: u32::MAX.min(text.lines().count() as u32) };
            self.problem(ProblemKind::Syntax, Some(&end), "missing `endif` (make stops here)".to_string());
        }
        self.stack.pop();
    }

    /// `MAKEFILE_LIST` gets each makefile as make names it (GNU make manual 6.14).
    fn append_makefile_list(&mut self, path: &str) {
        let name = relative_to(&self.tables.base, path).into_owned();
        let var = self
            .tables
            .globals
            .entry("MAKEFILE_LIST".to_string())
            .or_insert_with(|| Var::new("", Flavor::Simple, super::vars::Origin::Default));
        var.value.push(' ');
        var.value.push_str(&name);
    }

    fn line(&mut self, group: &Group<'_>, lines: &mut Lines<'_>, position: &Position, cond: &mut CondStack, context: &mut Context) {
        let first = group.physical[0];
        let state = cond.state();
        if *context != Context::None && first.starts_with(self.prefix) {
            if state != State::Dead {
                self.recipe_line(*context, position, group.recipe(self.prefix), state);
            }
            return;
        }
        let collapsed = group.collapsed();
        let stripped = remove_comment(&collapsed);
        if let Some(a) = parse_assignment(&stripped) {
            let body = a.define.then(|| self.define_body(lines, position));
            if state != State::Dead {
                *context = Context::None;
                self.assign(&a, body.as_deref(), position, state);
            }
            return;
        }
        let (word, rest) = first_word(&stripped);
        if word.is_empty() {
            return;
        }
        if self.conditional(word, rest, position, cond) {
            return;
        }
        if state == State::Dead {
            return;
        }
        match word {
            "include" | "-include" | "sinclude" => {
                *context = Context::None;
                self.include_line(rest, word != "include", position);
            }
            "export" | "unexport" | "vpath" | "load" | "-load" => {}
            "endef" => self.problem(ProblemKind::Syntax, Some(position), "`endef` without `define`".to_string()),
            _ if first.starts_with(self.prefix) => self.problem(
                ProblemKind::Syntax,
                Some(position),
                "recipe commences before first target (make stops here)".to_string(),
            ),
            _ => self.rule_line(&collapsed, position, state, context, 0),
        }
    }

    /// The lines of a `define` up to its `endef` (nested `define`s counted, GNU make manual
    /// 6.8), joined by newlines.
    fn define_body(&mut self, lines: &mut Lines<'_>, position: &Position) -> String {
        let mut depth = 1usize;
        let mut body: Vec<String> = Vec::new();
        while let Some(group) = lines.next_group() {
            let first = group.physical[0];
            if !first.starts_with(self.prefix) {
                let (word, _) = first_word(first);
                if word == "define" {
                    depth += 1;
                } else if word == "endef" || remove_comment(first).trim() == "endef" {
                    depth -= 1;
                    if depth == 0 {
                        return body.join("\n");
                    }
                }
            }
            body.push(group.verbatim());
        }
        self.problem(ProblemKind::Syntax, Some(position), "missing `endef` (make stops here)".to_string());
        body.join("\n")
    }

    /// Handles a conditional directive; false when `word` is not one.
    fn conditional(&mut self, word: &str, rest: &str, position: &Position, cond: &mut CondStack) -> bool {
        match word {
            "ifeq" | "ifneq" | "ifdef" | "ifndef" => {
                if cond.depth() >= self.tables.limits.max_conditional_depth {
                    self.problem(
                        ProblemKind::Budget(BudgetKind::ConditionalDepth),
                        Some(position),
                        format!("conditional nested past the {}; read as unknown", BudgetKind::ConditionalDepth),
                    );
                    cond.open(Tri::Unknown);
                    return true;
                }
                let c = if cond.evaluates_if() { self.condition(word, rest, position) } else { Tri::False };
                cond.open(c);
            }
            "else" => {
                let (inner, inner_rest) = first_word(rest);
                let plain = inner.is_empty();
                let c = if plain {
                    Tri::True
                } else if !matches!(inner, "ifeq" | "ifneq" | "ifdef" | "ifndef") {
                    self.problem(ProblemKind::Syntax, Some(position), "extraneous text after `else`".to_string());
                    Tri::True
                } else if cond.evaluates_else() {
                    self.condition(inner, inner_rest, position)
                } else {
                    Tri::False
                };
                if let Err(e) = cond.otherwise(c, plain) {
                    self.problem(ProblemKind::Syntax, Some(position), e.to_string());
                }
            }
            "endif" => {
                if let Err(e) = cond.close() {
                    self.problem(ProblemKind::Syntax, Some(position), e.to_string());
                }
            }
            _ => return false,
        }
        true
    }

    /// The value of an `if...` condition (GNU make manual 7.2): `ifdef` asks whether the
    /// variable's stored value is non-empty, without expanding it.
    fn condition(&mut self, word: &str, rest: &str, position: &Position) -> Tri {
        let negate = matches!(word, "ifneq" | "ifndef");
        let c = if matches!(word, "ifdef" | "ifndef") {
            let name = self.expand(rest, "a condition", position);
            let name = name.trim();
            match self.tables.globals.get(name) {
                _ if name.contains([UNKNOWN_MARK, ROOT_MARK, DIR_MARK]) => Tri::Unknown,
                Some(v) if v.value.trim_matches(UNKNOWN_MARK).is_empty() && !v.value.is_empty() => Tri::Unknown,
                Some(v) if !v.value.is_empty() => Tri::True,
                _ => Tri::False,
            }
        } else {
            let Some((a, b)) = super::directive::equality_args(rest) else {
                self.problem(ProblemKind::Syntax, Some(position), "invalid syntax in conditional (make stops here)".to_string());
                return Tri::Unknown;
            };
            let a = self.expand(a, "a condition", position);
            let b = self.expand(b, "a condition", position);
            if a.contains(UNKNOWN_MARK) || b.contains(UNKNOWN_MARK) {
                Tri::Unknown
            } else if a == b {
                Tri::True
            } else {
                Tri::False
            }
        };
        if c == Tri::Unknown {
            self.problem(
                ProblemKind::UnknownCondition,
                Some(position),
                format!("the condition of `{word}` is unknown: both branches are read and what they define is conditional"),
            );
        }
        match (c, negate) {
            (Tri::True, true) => Tri::False,
            (Tri::False, true) => Tri::True,
            (c, _) => c,
        }
    }

    /// `include` words: expanded, globbed through the loader, read in order.
    fn include_line(&mut self, rest: &str, optional: bool, position: &Position) {
        let expanded = self.expand(rest, "an include line", position);
        let names: Vec<String> = words(&expanded).map(str::to_string).collect();
        for word in names {
            if word.contains([UNKNOWN_MARK, DIR_MARK]) {
                self.unresolved(&word, "is not known statically", position);
                continue;
            }
            let path = match resolve(&self.tables.base, &word) {
                Ok(p) => p,
                Err(Refused::Absolute) => {
                    self.unresolved(&word, "is outside the repository", position);
                    continue;
                }
                Err(Refused::LeavesRoot) => {
                    self.unresolved(&word, "leaves the repository", position);
                    continue;
                }
            };
            if has_glob(&word) {
                // make expands the glob; no match includes nothing.
                for found in self.loader.glob(&path) {
                    self.include_file(found, optional, Some(position));
                }
            } else {
                self.include_file(path, optional, Some(position));
            }
        }
    }

    fn unresolved(&mut self, word: &str, why: &str, position: &Position) {
        let shown = self.tables.render(word);
        self.problem(
            ProblemKind::IncludeUnresolved,
            Some(position),
            format!("include path `{shown}` {why}; what it defines is not seen"),
        );
    }
}
