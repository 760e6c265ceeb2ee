//! The reading loop: one makefile line by line, in the order of GNU make's `eval` in
//! `read.c` (recipe line, assignment, conditional, directive, rule), and includes read where
//! they stand (GNU make manual 3.3 "Including Other Makefiles").

use std::borrow::Cow;

use ops_model::RepoPath;

use crate::UNKNOWN_MARK;

use super::cond::{CondStack, State};
use super::database::{Assignment, IncludedFile, Position, Problem, ProblemKind};
use super::directive::parse_assignment;
use super::expand::{Env, Scope};
use super::limits::Budget;
use super::lines::{Group, Lines, first_word, physical_lines, remove_comment};
use super::loader::{Loader, relative_to};
use super::tables::{RuleDraft, Tables, expand_reporting};
use super::vars::{Flavor, Var, VarTable};
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
    /// `.PHONY` names in reading order, grouped by name at the end of the read.
    pub phony: Vec<(String, Position)>,
    pub files: Vec<IncludedFile>,
    pub problems: Vec<Problem>,
    pub assignments: Vec<Assignment>,
    pub default_goal: Option<String>,
    /// The recipe prefix (`.RECIPEPREFIX`, GNU make manual 6.14), tab by default.
    pub prefix: char,
    /// Makefiles being read, outermost first.
    pub stack: Vec<String>,
    pub includes: usize,
    pub bytes: usize,
}

impl<'l> Reader<'l> {
    pub fn new(loader: &'l dyn Loader, tables: Tables) -> Reader<'l> {
        Reader {
            loader,
            budget: Budget::new(tables.limits),
            tables,
            rules: Vec::new(),
            phony: Vec::new(),
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
        self.expand_in(text, None, what, position)
    }

    /// Expands `text` with `scoped` (a target's variables) before the global ones.
    pub fn expand_in(
        &mut self,
        text: &str,
        scoped: Option<&VarTable>,
        what: &str,
        position: &Position,
    ) -> String {
        let scope = Scope {
            globals: &self.tables.globals,
            scoped,
            auto: None,
        };
        let env = Env {
            loader: Some(self.loader),
            base: &self.tables.base,
            undefined_unknown: self.tables.undefined_unknown,
        };
        expand_reporting(
            scope,
            env,
            &mut self.budget,
            text,
            &what,
            Some(position),
            &mut self.problems,
        )
    }

    /// Reads one makefile's text.
    pub(crate) fn read_file(&mut self, path: String, text: &str) {
        // The anchor marks are the reader's own: in a file they are unknown text.
        let text = if text.contains([ROOT_MARK, DIR_MARK]) {
            Cow::Owned(text.replace([ROOT_MARK, DIR_MARK], &UNKNOWN_MARK.to_string()))
        } else {
            Cow::Borrowed(text)
        };
        self.append_makefile_list(&path);
        let file = RepoPath::new(&path);
        self.stack.push(path);
        let physical = physical_lines(&text);
        // Room for the rules up front: each rule line holds a `:`, so their count bounds the
        // rules the file adds. Grown by doubling, the rules of a makefile of 200,000 targets
        // were copied at every step into fresh pages, a tenth of the page faults of its read
        // (perf); pages of the room that no rule fills are never touched.
        self.rules
            .reserve(memchr::memchr_iter(b':', text.as_bytes()).count());
        let mut lines = Lines::new(&physical);
        let mut cond = CondStack::default();
        let mut context = Context::None;
        while let Some(group) = lines.next_group() {
            let position = Position {
                file: file.clone(),
                line: group.line,
            };
            self.line(&group, &mut lines, &position, &mut cond, &mut context);
        }
        if cond.depth() > 0 {
            let end = Position {
                file,
                line: u32::try_from(text.lines().count()).unwrap_or(u32::MAX),
            };
            self.problem(
                ProblemKind::Syntax,
                Some(&end),
                "missing `endif` (make stops here)".to_string(),
            );
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

    fn line(
        &mut self,
        group: &Group<'_, '_>,
        lines: &mut Lines<'_, '_>,
        position: &Position,
        cond: &mut CondStack,
        context: &mut Context,
    ) {
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
            "endef" => self.problem(
                ProblemKind::Syntax,
                Some(position),
                "`endef` without `define`".to_string(),
            ),
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
    fn define_body(&mut self, lines: &mut Lines<'_, '_>, position: &Position) -> String {
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
        self.problem(
            ProblemKind::Syntax,
            Some(position),
            "missing `endef` (make stops here)".to_string(),
        );
        body.join("\n")
    }
}
