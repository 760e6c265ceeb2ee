//! The variables and rules after the read, and what is computed from them: the scope of a
//! target (target- and pattern-specific variables, GNU make manual 6.11 and 6.12), a rule
//! instantiated for a target with its automatic variables (10.5.3), implicit rule search
//! (10.8), and final values.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::UNKNOWN_MARK;
use crate::value::{Anchor, StaticValue};

use super::database::{Position, Problem, ProblemKind, Rule, RuleKind};
use super::expand::{Env, Expander, Scope};
use super::limits::{Budget, BudgetKind, Limits, Stop};
use super::loader::Loader;
use super::pattern::{Pattern, PatternIndex, RuleIndex, rule_prerequisite, rule_stem};
use super::vars::{AssignOp, Automatic, Flavor, Origin, ScopedVar, Var, VarTable};
use super::{DIR_MARK, ROOT_MARK};

/// A rule as read: recipe lines hold `raw` and an `expanded` without any target.
#[derive(Clone, Debug)]
pub(crate) struct RuleDraft {
    pub rule: Rule,
    /// The target pattern of a static pattern rule.
    pub target_pattern: Option<Pattern>,
}

/// Variables and the settings expansions after the read need.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tables {
    pub globals: VarTable,
    pub target_vars: BTreeMap<String, Vec<ScopedVar>>,
    pub pattern_vars: Vec<(Pattern, ScopedVar)>,
    /// `pattern_vars` by the text before their `%`.
    pub pattern_var_index: PatternIndex,
    pub base: String,
    pub root_text: String,
    pub dir_text: String,
    pub limits: Limits,
    /// [`Options::undefined_unknown`](super::Options::undefined_unknown).
    pub undefined_unknown: bool,
}

/// Expands `text` and turns what the expansion noted into problems at `position`; past a
/// budget the result is one unknown stretch and ONE problem names the variable.
#[allow(clippy::too_many_arguments)]
pub(crate) fn expand_reporting(
    scope: Scope<'_>,
    env: Env<'_>,
    budget: &mut Budget,
    text: &str,
    what: &dyn fmt::Display,
    position: Option<&Position>,
    problems: &mut Vec<Problem>,
) -> String {
    if !text.contains('$') {
        return text.to_string();
    }
    let mut e = Expander::new(scope, env, budget);
    let result = e.run(text);
    let notes = std::mem::take(&mut e.notes);
    for (kind, message) in notes {
        problems.push(Problem {
            kind,
            position: position.cloned(),
            message,
        });
    }
    match result {
        Ok(text) => text,
        Err(stop) => {
            report_stop(budget, &stop, what, position, problems);
            UNKNOWN_MARK.to_string()
        }
    }
}

/// Records a budget stop once per variable (the outermost one being expanded, or `what`
/// when none was), and remembers every variable being expanded as over the budget so later
/// uses are unknown at once: a costly chain costs once and is reported once.
pub(crate) fn report_stop(
    budget: &mut Budget,
    stop: &Stop,
    what: &dyn fmt::Display,
    position: Option<&Position>,
    problems: &mut Vec<Problem>,
) {
    budget.over.extend(stop.variables.iter().cloned());
    let (key, message) = match stop.variables.first() {
        // Past the whole read's budget every expansion stops: one problem says so.
        _ if budget.exhausted() => (
            "the makefiles".to_string(),
            format!(
                "the makefiles went past the {}; what is expanded from here on is unknown",
                stop.kind
            ),
        ),
        Some(v) => (
            v.clone(),
            format!(
                "expanding variable `{v}` went past the {}; its value is unknown",
                stop.kind
            ),
        ),
        None => (
            what.to_string(),
            format!(
                "expanding {what} went past the {}; its value is unknown",
                stop.kind
            ),
        ),
    };
    if budget.reported.insert(key) {
        problems.push(Problem {
            kind: ProblemKind::Budget(stop.kind),
            position: position.cloned(),
            message,
        });
    }
}

/// Internal text to a [`StaticValue`]: a leading anchor mark is the anchor, any other mark
/// an unknown stretch.
pub(crate) fn to_static(text: &str) -> StaticValue {
    let (anchor, rest) = match text.chars().next() {
        Some(ROOT_MARK) => (Anchor::Root, &text[ROOT_MARK.len_utf8()..]),
        Some(DIR_MARK) => (Anchor::ScriptDir, &text[DIR_MARK.len_utf8()..]),
        _ => (Anchor::None, text),
    };
    let mut value = StaticValue::anchored(anchor, "");
    for (i, piece) in rest.split([UNKNOWN_MARK, ROOT_MARK, DIR_MARK]).enumerate() {
        if i > 0 {
            value.push_unknown();
        }
        value.push_text(piece);
    }
    value
}

impl Tables {
    /// The variables `target` sees besides the global ones, when any.
    pub fn scoped_for(&self, target: &str) -> Option<VarTable> {
        let mut applicable: Vec<&ScopedVar> = self
            .pattern_var_index
            .candidates(target)
            .into_iter()
            .filter_map(|i| self.pattern_vars.get(i))
            .filter(|(p, _)| p.stem(target).is_some())
            .map(|(_, v)| v)
            .collect();
        applicable.extend(self.target_vars.get(target).into_iter().flatten());
        if applicable.is_empty() {
            return None;
        }
        let mut table = VarTable::new();
        for sv in applicable {
            let current = table.get(&sv.name).or_else(|| self.globals.get(&sv.name));
            if current.is_some_and(|c| c.origin == Origin::CommandLine) && !sv.is_override {
                continue;
            }
            let (value, flavor) = match (sv.op, current) {
                (AssignOp::Conditional, Some(_)) => continue,
                (AssignOp::Recursive | AssignOp::Conditional, _) => {
                    (sv.value.clone(), Flavor::Recursive)
                }
                (AssignOp::Simple | AssignOp::Immediate, _) => (sv.value.clone(), Flavor::Simple),
                (AssignOp::Shell, _) => (UNKNOWN_MARK.to_string(), Flavor::Simple),
                (AssignOp::Append, None) => (sv.value.clone(), Flavor::Recursive),
                (AssignOp::Append, Some(old)) => {
                    let old = match old.flavor {
                        Flavor::Simple => old.value.replace('$', "$$"),
                        Flavor::Recursive => old.value.clone(),
                    };
                    let joined = if old.is_empty() {
                        sv.value.clone()
                    } else {
                        format!("{old} {}", sv.value)
                    };
                    (joined, Flavor::Recursive)
                }
            };
            let origin = if sv.is_override {
                Origin::Override
            } else {
                Origin::File
            };
            let mut var = Var::new(value, flavor, origin);
            if sv.conditional {
                var.value = UNKNOWN_MARK.to_string();
                var.conditional = true;
            }
            var.position = Some(sv.position.clone());
            table.insert(sv.name.clone(), var);
        }
        Some(table)
    }

    /// `draft` made concrete for `target`: prerequisites with the stem filled in, and the
    /// recipe expanded with the automatic and target-specific variables. Lines without a
    /// reference share their text with the draft.
    pub fn instantiate(
        &self,
        draft: &RuleDraft,
        target: &str,
        budget: &mut Budget,
        loader: Option<&dyn Loader>,
        problems: &mut Vec<Problem>,
    ) -> Rule {
        let rule = &draft.rule;
        let stem = match (rule.kind, &draft.target_pattern) {
            (RuleKind::StaticPattern, Some(p)) => p.stem(target).map(str::to_string),
            (RuleKind::Pattern, _) => rule
                .targets
                .iter()
                .find_map(|t| rule_stem(&Pattern::new(t), target)),
            _ => None,
        };
        let filled = stem
            .as_ref()
            .map_or(0, |_| rule.prerequisites.len() + rule.order_only.len());
        budget.instances = budget.instances.saturating_add(rule.recipe.len() + filled);
        let over = budget.instances > self.limits.max_rule_instances;
        if over && budget.reported.insert("rule instances".to_string()) {
            let kind = BudgetKind::RuleInstances;
            problems.push(Problem {
                kind: ProblemKind::Budget(kind),
                position: Some(rule.position.clone()),
                message: format!(
                    "past the {kind} from `{target}` on: recipes are not kept and pattern \
                     prerequisites are not filled in"
                ),
            });
        }
        let fill = |words: &Arc<[String]>| -> Arc<[String]> {
            match (&stem, rule.kind) {
                (Some(_), _) if over => words.clone(),
                (Some(s), RuleKind::Pattern) => words
                    .iter()
                    .map(|w| rule_prerequisite(&Pattern::new(w), s))
                    .collect(),
                (Some(s), _) => words.iter().map(|w| Pattern::new(w).fill(s)).collect(),
                (None, _) => words.clone(),
            }
        };
        let prerequisites = fill(&rule.prerequisites);
        let order_only = fill(&rule.order_only);
        let stem_text = stem
            .clone()
            .unwrap_or_else(|| super::suffixes::suffix_stem(target).to_string());
        let auto = Automatic {
            target,
            prerequisites: &prerequisites,
            order_only: &order_only,
            stem: &stem_text,
        };
        let mut recipe = if over {
            Vec::new()
        } else {
            rule.recipe.clone()
        };
        let scoped = if recipe.iter().any(|l| l.raw.contains('$')) {
            self.scoped_for(target)
        } else {
            None
        };
        let scope = Scope {
            globals: &self.globals,
            scoped: scoped.as_ref(),
            auto: Some(&auto),
        };
        let env = Env {
            loader,
            base: &self.base,
            undefined_unknown: self.undefined_unknown,
        };
        for line in &mut recipe {
            if line.raw.contains('$') {
                // Formatted only for a problem: most recipes give none.
                let text = expand_reporting(
                    scope,
                    env,
                    budget,
                    &line.raw,
                    &format_args!("the recipe of `{target}`"),
                    Some(&line.position),
                    problems,
                );
                line.expanded = Arc::from(self.render(&text).as_ref());
            }
        }
        Rule {
            targets: match (rule.kind, &stem) {
                (RuleKind::Pattern, Some(s)) => rule
                    .targets
                    .iter()
                    .map(|t| Pattern::new(t).fill(s))
                    .collect(),
                _ => rule.targets.clone(),
            },
            kind: rule.kind,
            prerequisites,
            order_only,
            stem,
            position: rule.position.clone(),
            recipe,
            conditional: rule.conditional,
        }
    }

    /// The pattern rule make would use for `target` (see [`Database::resolve`](super::Database::resolve)).
    pub fn implicit_rule(
        &self,
        patterns: &[RuleDraft],
        index: &RuleIndex,
        target: &str,
    ) -> Option<Rule> {
        let best = index
            .candidates(target)
            .into_iter()
            .filter_map(|i| Some((i, patterns.get(i)?)))
            .filter(|(_, d)| !d.rule.recipe.is_empty())
            .filter_map(|(i, d)| {
                let stem = d
                    .rule
                    .targets
                    .iter()
                    .find_map(|t| rule_stem(&Pattern::new(t), target))?;
                Some((stem.len(), i, d))
            })
            .min_by_key(|(len, i, _)| (*len, *i))?;
        let mut budget = Budget::new(self.limits);
        Some(self.instantiate(best.2, target, &mut budget, None, &mut Vec::new()))
    }

    /// `text` expanded in the global scope after the read, as a value.
    pub fn expand_value(&self, text: &str) -> StaticValue {
        let mut budget = Budget::new(self.limits);
        let scope = Scope {
            globals: &self.globals,
            scoped: None,
            auto: None,
        };
        let env = Env {
            loader: None,
            base: &self.base,
            undefined_unknown: self.undefined_unknown,
        };
        to_static(&expand_reporting(
            scope,
            env,
            &mut budget,
            text,
            &"text",
            None,
            &mut Vec::new(),
        ))
    }

    /// Internal text as handed to another reader: anchor marks written out.
    pub fn render<'t>(&self, text: &'t str) -> Cow<'t, str> {
        // The marks are not ASCII, and most text is: say so without a search for them.
        if text.is_ascii() || !text.contains([ROOT_MARK, DIR_MARK]) {
            return Cow::Borrowed(text);
        }
        Cow::Owned(
            text.replace(ROOT_MARK, &self.root_text)
                .replace(DIR_MARK, &self.dir_text),
        )
    }
}
