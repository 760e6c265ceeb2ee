//! Assignments (GNU make manual 6.5 "Setting Variables", 6.6 "Appending More Text to
//! Variables", 6.7 "The override Directive", 6.8 "Defining Multi-Line Variables", 6.9
//! "Undefining Variables") and target-specific ones (6.11, 6.12).
//!
//! Under a condition whose value is unknown an assignment makes the variable's value
//! unknown (it may or may not have happened) and marks it conditional; `?=` to a variable
//! that already exists changes nothing either way.

use crate::UNKNOWN_MARK;
use crate::value::has_unknown_mark;

use super::cond::State;
use super::database::{Assignment, Position, ProblemKind};
use super::directive::AssignLine;
use super::pattern::Pattern;
use super::reader::Reader;
use super::vars::{AssignOp, Flavor, Origin, ScopedVar, Var};

impl Reader<'_> {
    /// A global assignment line; `body` is the text of a `define`.
    pub(crate) fn assign(
        &mut self,
        a: &AssignLine<'_>,
        body: Option<&str>,
        position: &Position,
        state: State,
    ) {
        let name = self.expand(a.name, "a variable name", position);
        let name = name.trim().to_string();
        if has_unknown_mark(&name) || name.is_empty() {
            self.problem(
                ProblemKind::Syntax,
                Some(position),
                format!(
                    "the name of the variable `{}` assigned here is not known statically",
                    a.name
                ),
            );
            return;
        }
        let raw = body.unwrap_or(a.value);
        let conditional = state == State::Conditional;
        self.assignments.push(Assignment {
            name: name.clone(),
            op: a.op,
            raw: raw.to_string(),
            position: position.clone(),
            target: None,
            conditional,
        });
        let existing = self.tables.globals.get(&name).map(|v| (v.flavor, v.origin));
        // Command-line variables and `override` ones change only through `override`.
        if existing.is_some_and(|(_, o)| matches!(o, Origin::CommandLine | Origin::Override))
            && !a.is_override
        {
            return;
        }
        let origin = if a.is_override {
            Origin::Override
        } else {
            Origin::File
        };
        if a.undefine {
            if conditional {
                self.set(
                    &name,
                    Var::new("", Flavor::Recursive, origin),
                    position,
                    true,
                );
            } else {
                self.tables.globals.remove(&name);
            }
            return;
        }
        let (value, flavor) = match (a.op, existing) {
            (AssignOp::Conditional, Some(_)) => return,
            (AssignOp::Recursive | AssignOp::Conditional, _) => {
                (raw.to_string(), Flavor::Recursive)
            }
            (AssignOp::Simple, _) => (self.expand(raw, &name, position), Flavor::Simple),
            (AssignOp::Immediate, _) => (
                self.expand(raw, &name, position).replace('$', "$$"),
                Flavor::Recursive,
            ),
            (AssignOp::Shell, _) => (UNKNOWN_MARK.to_string(), Flavor::Recursive),
            (AssignOp::Append, None) => (raw.to_string(), Flavor::Recursive),
            (AssignOp::Append, Some((flavor, _))) => {
                let added = match flavor {
                    Flavor::Simple => self.expand(raw, &name, position),
                    Flavor::Recursive => raw.to_string(),
                };
                // Appended in place: a long run of `+=` stays linear.
                if let Some(v) = self.tables.globals.get_mut(&name)
                    && !conditional
                {
                    if !v.value.is_empty() {
                        v.value.push(' ');
                    }
                    v.value.push_str(&added);
                    v.origin = origin;
                    v.position = Some(position.clone());
                    return;
                }
                (added, flavor)
            }
        };
        self.set(
            &name,
            Var::new(value, flavor, origin),
            position,
            conditional,
        );
    }

    fn set(&mut self, name: &str, mut var: Var, position: &Position, conditional: bool) {
        if conditional {
            var.value = UNKNOWN_MARK.to_string();
            var.conditional = true;
        }
        var.position = Some(position.clone());
        if name == ".RECIPEPREFIX" {
            // make takes the first character of the stored value, a tab when it is empty.
            match var.value.chars().next() {
                None => self.prefix = '\t',
                Some(UNKNOWN_MARK) => self.problem(
                    ProblemKind::Syntax,
                    Some(position),
                    "`.RECIPEPREFIX` is not known statically; the recipe prefix is unchanged"
                        .to_string(),
                ),
                Some(c) => self.prefix = c,
            }
        }
        self.tables.globals.insert(name.to_string(), var);
    }

    /// `targets: VAR = value`: a target-specific (or, for a `%` target, pattern-specific)
    /// assignment. A `:=` value is expanded now, in the global scope.
    pub(crate) fn scoped_assign(
        &mut self,
        targets: &[String],
        a: &AssignLine<'_>,
        position: &Position,
        state: State,
    ) {
        let name = self
            .expand(a.name, "a variable name", position)
            .trim()
            .to_string();
        if has_unknown_mark(&name) || name.is_empty() {
            self.problem(
                ProblemKind::Syntax,
                Some(position),
                format!(
                    "the name of the target-specific variable `{}` is not known statically",
                    a.name
                ),
            );
            return;
        }
        for target in targets {
            // make expands a target's `:=` value now, with the target's variables so far
            // in scope (its `read.c` makes them current while it assigns).
            let value = match a.op {
                AssignOp::Simple | AssignOp::Immediate => {
                    let scoped = self.tables.scoped_for(target);
                    let value = self.expand_in(a.value, scoped.as_ref(), &name, position);
                    match a.op {
                        AssignOp::Immediate => value.replace('$', "$$"),
                        _ => value,
                    }
                }
                _ => a.value.to_string(),
            };
            let scoped = ScopedVar {
                name: name.clone(),
                op: a.op,
                value,
                is_override: a.is_override,
                position: position.clone(),
                conditional: state == State::Conditional,
            };
            self.assignments.push(Assignment {
                name: name.clone(),
                op: a.op,
                raw: a.value.to_string(),
                position: position.clone(),
                target: Some(target.clone()),
                conditional: scoped.conditional,
            });
            if target.contains('%') {
                let pattern = Pattern::new(target);
                if let Pattern::Percent(prefix, _) = &pattern {
                    let id = self.tables.pattern_vars.len();
                    self.tables.pattern_var_index.insert(prefix, id);
                }
                self.tables.pattern_vars.push((pattern, scoped));
            } else {
                self.tables
                    .target_vars
                    .entry(target.clone())
                    .or_default()
                    .push(scoped);
            }
        }
    }
}
