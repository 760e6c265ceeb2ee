//! The end of a read: rules instantiated for each of their targets with recipes expanded,
//! final values of the variables, and the checks make does once everything is read.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::UNKNOWN_MARK;
use crate::value::has_unknown_mark;

use super::database::{Database, Position, Problem, ProblemKind, Rule, RuleKind, Variable};
use super::expand::{Env, Expander, Scope};
use super::limits::Budget;
use super::loader::Loader;
use super::pattern::{Pattern, RuleIndex};
use super::reader::Reader;
use super::tables::{Tables, expand_reporting, report_stop, to_static};
use super::target_map::TargetMap;
use super::vars::{Flavor, Var};

impl Reader<'_> {
    /// Builds the database.
    pub(crate) fn finish(mut self) -> Database {
        let drafts = std::mem::take(&mut self.rules);
        let mut instances: Vec<(String, Rule)> = Vec::with_capacity(drafts.len());
        let mut patterns = Vec::new();
        let mut pattern_index = RuleIndex::default();
        for mut draft in drafts {
            if draft.rule.kind == RuleKind::Pattern {
                // Listed with the automatic variables unknown; `resolve` instantiates it.
                let scope = Scope {
                    globals: &self.tables.globals,
                    scoped: None,
                    auto: None,
                };
                let env = Env {
                    loader: Some(self.loader),
                    base: &self.tables.base,
                    undefined_unknown: self.tables.undefined_unknown,
                };
                for line in &mut draft.rule.recipe {
                    let text = expand_reporting(
                        scope,
                        env,
                        &mut self.budget,
                        &line.raw,
                        &"a pattern rule's recipe",
                        Some(&line.position),
                        &mut self.problems,
                    );
                    line.expanded = Arc::from(self.tables.render(&text).as_ref());
                }
                for t in draft.rule.targets.iter() {
                    pattern_index.insert(&Pattern::new(t), patterns.len());
                }
                patterns.push(draft);
                continue;
            }
            for target in draft.rule.targets.iter() {
                let rule = self.tables.instantiate(
                    &draft,
                    target,
                    &mut self.budget,
                    Some(self.loader),
                    &mut self.problems,
                );
                instances.push((target.clone(), rule));
            }
        }
        let explicit = TargetMap::grouped(instances);
        check_rules(&explicit, &mut self.problems);
        // Nothing changes any more: a variable's global value is the same for every use.
        self.budget.keep_memo = true;
        self.budget.memo.clear();
        let variables = final_values(
            &self.tables,
            self.loader,
            &mut self.budget,
            &mut self.problems,
        );
        Database {
            files: self.files,
            explicit,
            patterns,
            pattern_index,
            phony: TargetMap::grouped(self.phony),
            variables,
            assignments: self.assignments,
            problems: dedup(self.problems),
            // `.DEFAULT_GOAL` set by a makefile wins over the first target (6.14).
            default_goal: self
                .tables
                .globals
                .get(".DEFAULT_GOAL")
                .map(|v| v.value.trim().to_string())
                .filter(|g| !g.is_empty() && !has_unknown_mark(g))
                .or(self.default_goal),
            tables: self.tables,
        }
    }
}

/// make's complaints about rules: a target with both `:` and `::` rules (an error), and a
/// second single-colon recipe for a target (a warning: the later recipe wins).
fn check_rules(explicit: &TargetMap<Rule>, problems: &mut Vec<Problem>) {
    for (target, rules) in explicit.iter() {
        let double = rules
            .iter()
            .filter(|r| r.kind == RuleKind::DoubleColon)
            .count();
        if double > 0 && double < rules.len() {
            problems.push(Problem {
                kind: ProblemKind::Syntax,
                position: rules.last().map(|r| r.position.clone()),
                message: format!("target `{target}` has both `:` and `::` rules (make stops here)"),
            });
        } else if double == 0 {
            let mut with_recipe = rules.iter().rev().filter(|r| !r.recipe.is_empty());
            if let (Some(later), Some(earlier)) = (with_recipe.next(), with_recipe.next()) {
                problems.push(Problem {
                    kind: ProblemKind::Syntax,
                    position: Some(later.position.clone()),
                    message: format!(
                        "overriding the recipe for target `{target}` (the one at {} is ignored)",
                        earlier.position
                    ),
                });
            }
        }
    }
}

/// Each variable expanded in the global scope.
fn final_values(
    tables: &Tables,
    loader: &dyn Loader,
    budget: &mut Budget,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Variable> {
    let mut out = BTreeMap::new();
    for (name, var) in &tables.globals {
        let text = if var.flavor == Flavor::Simple || !var.value.contains('$') {
            var.value.clone()
        } else {
            value_of(tables, loader, budget, name, var, problems)
        };
        out.insert(
            name.clone(),
            Variable {
                flavor: var.flavor,
                origin: var.origin,
                raw: var.value.clone(),
                value: to_static(&text),
                position: var.position.clone(),
                conditional: var.conditional,
            },
        );
    }
    out
}

fn value_of(
    tables: &Tables,
    loader: &dyn Loader,
    budget: &mut Budget,
    name: &str,
    var: &Var,
    problems: &mut Vec<Problem>,
) -> String {
    let scope = Scope {
        globals: &tables.globals,
        scoped: None,
        auto: None,
    };
    let env = Env {
        loader: Some(loader),
        base: &tables.base,
        undefined_unknown: tables.undefined_unknown,
    };
    let mut e = Expander::new(scope, env, budget);
    e.budget.begin();
    let result = e.value_of(name);
    let position: Option<&Position> = var.position.as_ref();
    for (kind, message) in std::mem::take(&mut e.notes) {
        problems.push(Problem {
            kind,
            position: position.cloned(),
            message,
        });
    }
    match result {
        Ok(text) => text,
        Err(stop) => {
            report_stop(
                budget,
                &stop,
                &format_args!("variable `{name}`"),
                position,
                problems,
            );
            UNKNOWN_MARK.to_string()
        }
    }
}

/// The problems in order, each once (a recipe expanded for many targets notes the same
/// thing many times).
fn dedup(problems: Vec<Problem>) -> Vec<Problem> {
    let mut seen = BTreeSet::new();
    problems
        .into_iter()
        .filter(|p| seen.insert((p.kind, p.position.clone(), p.message.clone())))
        .collect()
}
