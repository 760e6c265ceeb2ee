//! Rule lines (GNU make manual 4.2 "Rule Syntax"): targets, `:`/`::`/`&:`, prerequisites
//! with `|` for order-only ones (4.3), static pattern rules (4.12), pattern rules (10.5),
//! target-specific variables (6.11), `.PHONY` (4.6), and an inline recipe after `;` (5.1).

use std::sync::{Arc, LazyLock};

use crate::UNKNOWN_MARK;
use crate::value::has_unknown_mark;

use super::cond::State;
use super::database::{Position, ProblemKind, RecipeLine, Rule, RuleKind};
use super::directive::parse_assignment;
use super::lines::{find_outside_refs, remove_comment, words};
use super::pattern::Pattern;
use super::reader::{Context, Reader};
use super::tables::RuleDraft;

impl Reader<'_> {
    /// A recipe line for the rule in `context`.
    pub(crate) fn recipe_line(
        &mut self,
        context: Context,
        position: &Position,
        raw: String,
        state: State,
    ) {
        let Context::Rule(index) = context else {
            return;
        };
        if let Some(draft) = self.rules.get_mut(index) {
            let raw: Arc<str> = Arc::from(raw);
            // Most recipes are one or two lines: room for one, then two, then doubling, not
            // the four a first push makes (192 bytes a rule, twice over for a makefile read
            // by two rules).
            let recipe = &mut draft.rule.recipe;
            if recipe.len() == recipe.capacity() {
                recipe.reserve_exact(recipe.len().max(1));
            }
            draft.rule.recipe.push(RecipeLine {
                position: position.clone(),
                expanded: raw.clone(),
                raw,
                conditional: state == State::Conditional,
            });
        }
    }

    /// A line that is neither a recipe line, an assignment nor a directive.
    pub(crate) fn rule_line(
        &mut self,
        line: &str,
        position: &Position,
        state: State,
        context: &mut Context,
        depth: u8,
    ) {
        *context = Context::None;
        // `;` starts the recipe, `#` a comment, whichever comes first outside references.
        let (head, inline) = match find_outside_refs(line, b";#") {
            Some(i) if line.as_bytes()[i] == b';' => (&line[..i], Some(line[i + 1..].trim_start())),
            Some(i) => (&line[..i], None),
            None => (line, None),
        };
        let Some(colon) = find_outside_refs(head, b":") else {
            // A line of references alone (`$(eval ...)`, `$(info ...)`), or the colon comes
            // from a variable.
            let expanded = self.expand(line, "a rule line", position);
            let known = expanded.replace(UNKNOWN_MARK, " ");
            if known.trim().is_empty() {
                return;
            }
            if depth == 0 && find_outside_refs(&expanded, b":").is_some() {
                let escaped = expanded.replace('$', "$$");
                return self.rule_line(&escaped, position, state, context, 1);
            }
            self.problem(
                ProblemKind::Syntax,
                Some(position),
                "missing separator (make stops here)".to_string(),
            );
            return;
        };
        let mut targets_text = &head[..colon];
        let mut rest = &head[colon + 1..];
        let double_colon = rest.starts_with(':');
        if double_colon {
            rest = &rest[1..];
        }
        let grouped = targets_text.ends_with('&');
        if grouped {
            targets_text = &targets_text[..targets_text.len() - 1];
        }
        let targets = self.targets(targets_text, position);
        // A target-specific value may hold a `;`: it is part of the value.
        let with_inline: std::borrow::Cow<'_, str> = match inline {
            Some(r) => format!("{rest};{r}").into(),
            None => rest.into(),
        };
        if let Some(a) = parse_assignment(&remove_comment(&with_inline)) {
            return self.scoped_assign(&targets, &a, position, state);
        }
        if targets.is_empty() {
            *context = Context::Sink;
            return;
        }
        let (prereq_text, target_pattern) = match find_outside_refs(rest, b":") {
            Some(i) => (&rest[i + 1..], Some(&rest[..i])),
            None => (rest, None),
        };
        let prereqs = self.expand(prereq_text, "a rule line", position);
        let (mut prerequisites, mut order_only) = (Vec::new(), Vec::new());
        let mut after_bar = false;
        for w in words(&prereqs) {
            match w {
                "|" => after_bar = true,
                w if after_bar => order_only.push(w.to_string()),
                w => prerequisites.push(w.to_string()),
            }
        }
        if targets.iter().any(|t| t == ".PHONY") {
            for name in prerequisites.iter().chain(&order_only) {
                self.phony.push((name.clone(), position.clone()));
            }
            *context = Context::Sink;
            return;
        }
        let patterns = targets.iter().filter(|t| t.contains('%')).count();
        let (kind, target_pattern) = match target_pattern {
            Some(p) => {
                let p = self.expand(p, "a rule line", position);
                (RuleKind::StaticPattern, Some(Pattern::new(p.trim())))
            }
            None if patterns == targets.len() => (RuleKind::Pattern, None),
            None if patterns > 0 => {
                self.problem(
                    ProblemKind::Syntax,
                    Some(position),
                    "mixed implicit and normal rules (make stops here)".to_string(),
                );
                *context = Context::Sink;
                return;
            }
            None if grouped => (RuleKind::Grouped, None),
            None if double_colon => (RuleKind::DoubleColon, None),
            None => (RuleKind::Explicit, None),
        };
        if let Some(p) = &target_pattern {
            for t in &targets {
                if p.stem(t).is_none() {
                    self.problem(
                        ProblemKind::Syntax,
                        Some(position),
                        format!("target `{t}` does not match the target pattern of its static pattern rule"),
                    );
                }
            }
        }
        if self.default_goal.is_none() && kind != RuleKind::Pattern {
            self.default_goal = targets
                .iter()
                .find(|t| !t.starts_with('.') || t.contains('/'))
                .cloned();
        }
        let mut rule = Rule {
            targets: targets.into(),
            kind,
            prerequisites: word_list(prerequisites),
            order_only: word_list(order_only),
            stem: None,
            position: position.clone(),
            recipe: Vec::new(),
            conditional: state == State::Conditional,
        };
        if let Some(r) = inline {
            let raw: Arc<str> = Arc::from(r);
            rule.recipe.push(RecipeLine {
                position: position.clone(),
                expanded: raw.clone(),
                raw,
                conditional: rule.conditional,
            });
        }
        self.rules.push(RuleDraft {
            rule,
            target_pattern,
        });
        *context = Context::Rule(self.rules.len() - 1);
    }

    /// The targets of a rule line, expanded; unknown ones are reported and left out.
    fn targets(&mut self, text: &str, position: &Position) -> Vec<String> {
        let expanded = self.expand(text, "a rule line", position);
        let mut out = Vec::new();
        for w in words(&expanded) {
            if has_unknown_mark(w) || super::has_place_mark(w) {
                let shown = self.tables.render(w);
                self.problem(
                    ProblemKind::UnknownTarget,
                    Some(position),
                    format!("a target of this rule is not known statically (`{shown}`); it is not seen under its name"),
                );
            } else {
                out.push(w.to_string());
            }
        }
        out
    }
}

/// `words` as a shared list; every empty list is one shared allocation (most rules have no
/// order-only prerequisites, many no prerequisites, and a large makefile has hundreds of
/// thousands of rules).
fn word_list(words: Vec<String>) -> Arc<[String]> {
    static EMPTY: LazyLock<Arc<[String]>> = LazyLock::new(|| Arc::from(Vec::new()));
    if words.is_empty() {
        EMPTY.clone()
    } else {
        words.into()
    }
}
