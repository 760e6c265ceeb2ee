//! Static evaluation of the expressions that build paths: string literals and f-strings,
//! `+`, `/`, `or`, `pathlib.Path(...)` and its `.parent`, `.parents[n]`, `.joinpath`,
//! `.with_suffix`, `.with_name`, `.resolve()`, `os.path.join/dirname/abspath`, `str(...)`,
//! `os.environ.get` / `os.getenv` with a default, `git rev-parse --show-toplevel` output,
//! `str.format` and `%s` formatting (format.rs). Anything else is unknown.

use tree_sitter::Node;

use super::BudgetKind;
use super::analyzer::{Analyzer, Val};
use super::kind::KindName;
use super::literal::{Prefix, decode};
use super::nav::{Fields, children, named_children};
use super::pathtext::{join, parent, tidy, with_name, with_suffix};
use crate::value::{Anchor, Part, StaticValue};

/// The arguments of a call, comments left out.
#[derive(Default)]
pub(super) struct Args<'n> {
    pub positional: Vec<Node<'n>>,
    pub keywords: Vec<(String, Node<'n>)>,
    /// `*a` or `**k`: positions are no longer known.
    pub splat: bool,
}

impl<'n> Args<'n> {
    /// The argument at `index`, or the keyword `name`.
    pub fn get(&self, index: usize, name: &str) -> Option<Node<'n>> {
        self.keywords
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| *v)
            .or_else(|| {
                if self.splat {
                    None
                } else {
                    self.positional.get(index).copied()
                }
            })
    }
}

impl<'t> Analyzer<'_, 't> {
    /// The arguments of a `call` node.
    pub fn args<'n>(&self, call: Node<'n>) -> Args<'n> {
        let mut args = Args::default();
        let Some(list) = call.field("arguments") else {
            return args;
        };
        if list.kind_name() != "argument_list" {
            // `f(x for x in y)`: one generator argument.
            args.positional.push(list);
            return args;
        }
        for arg in named_children(list) {
            match arg.kind_name() {
                "comment" => {}
                "keyword_argument" => {
                    if let (Some(k), Some(v)) = (arg.field("name"), arg.field("value")) {
                        args.keywords.push((self.text_of(k).to_string(), v));
                    }
                }
                "list_splat" | "dictionary_splat" => args.splat = true,
                _ => args.positional.push(arg),
            }
        }
        args
    }

    /// Evaluates an expression. `depth` is the nesting depth within the expression being
    /// evaluated; past [`super::Budget::max_eval_depth`] or the file's step budget the value
    /// is unknown.
    pub fn eval(&mut self, node: Node<'_>, depth: usize) -> Val {
        self.steps += 1;
        if self.steps > self.budget.max_eval_steps {
            self.over_budget(BudgetKind::EvalSteps, node, self.budget.max_eval_steps);
            return Val::Unknown;
        }
        if depth > self.budget.max_eval_depth {
            self.over_budget(BudgetKind::EvalDepth, node, self.budget.max_eval_depth);
            return Val::Unknown;
        }
        let d = depth + 1;
        let value = match node.kind_name() {
            "string" => self.eval_string(node, d),
            "concatenated_string" => {
                let mut out = StaticValue::empty();
                let parts: Vec<Node<'_>> = named_children(node)
                    .filter(|c| c.kind_name() == "string")
                    .collect();
                for part in parts {
                    let v = self.eval_string(part, d).into_static();
                    out.push(v);
                }
                Val::Known(out)
            }
            "identifier" => self.read_name(self.text_of(node)),
            "parenthesized_expression" => match first_named(node) {
                Some(inner) => self.eval(inner, d),
                None => Val::Unknown,
            },
            "binary_operator" => self.eval_binary(node, d),
            "boolean_operator" => self.eval_or(node, d),
            "call" => self.eval_call(node, d),
            "attribute" => self.eval_attribute(node, d),
            "subscript" => self.eval_subscript(node, d),
            _ => Val::Unknown,
        };
        self.cap(value, node)
    }

    /// Unknown past the value-size budget.
    fn cap(&mut self, value: Val, node: Node<'_>) -> Val {
        if let Val::Known(v) = &value {
            let size: usize = v
                .parts
                .iter()
                .map(|p| match p {
                    Part::Text(t) => t.len(),
                    Part::Unknown => 1,
                })
                .sum();
            if size > self.budget.max_value_bytes {
                self.over_budget(BudgetKind::ValueSize, node, self.budget.max_value_bytes);
                return Val::Unknown;
            }
        }
        value
    }

    fn eval_string(&mut self, node: Node<'_>, depth: usize) -> Val {
        let mut prefix = Prefix::default();
        let mut out = StaticValue::empty();
        for child in children(node) {
            match child.kind_name() {
                "string_start" => prefix = Prefix::of(self.text_of(child)),
                "string_content" => match decode(self.text_of(child), prefix) {
                    Some(text) => out.push_text(&text),
                    None => out.push_unknown(),
                },
                "interpolation" => {
                    let plain = child.field("format_specifier").is_none()
                        && child
                            .field("type_conversion")
                            .is_none_or(|c| self.text_of(c) == "!s");
                    match child.field("expression") {
                        Some(e) if plain => {
                            let v = self.eval(e, depth).into_static();
                            out.push(v);
                        }
                        _ => out.push_unknown(),
                    }
                }
                _ => {}
            }
        }
        Val::Known(out)
    }

    fn eval_binary(&mut self, node: Node<'_>, depth: usize) -> Val {
        let (Some(l), Some(op), Some(r)) = (
            node.field("left"),
            node.field("operator"),
            node.field("right"),
        ) else {
            return Val::Unknown;
        };
        let op = self.text_of(op);
        if op == "%" {
            let template = self.eval(l, depth);
            return self.percent_format(&template, r, depth);
        }
        if op != "/" && op != "+" {
            return Val::Unknown;
        }
        let left = self.eval(l, depth);
        let right = self.eval(r, depth);
        if left.is_unknown() && right.is_unknown() {
            return Val::Unknown;
        }
        let left = left.into_static();
        let right = right.into_static();
        if op == "/" {
            Val::Known(tidy(join(&left, right)))
        } else {
            let mut out = left;
            out.push(right);
            Val::Known(out)
        }
    }

    /// `a or b`: `b` when `a` is an unset environment variable, `a` when it is known
    /// non-empty text, else unknown.
    fn eval_or(&mut self, node: Node<'_>, depth: usize) -> Val {
        let (Some(l), Some(op), Some(r)) = (
            node.field("left"),
            node.field("operator"),
            node.field("right"),
        ) else {
            return Val::Unknown;
        };
        if self.text_of(op) != "or" {
            return Val::Unknown;
        }
        match self.eval(l, depth) {
            Val::EnvUnset => self.eval(r, depth),
            Val::ThisFile => Val::ThisFile,
            Val::Known(v)
                if v.anchor != Anchor::None || v.as_known().is_some_and(|t| !t.is_empty()) =>
            {
                Val::Known(v)
            }
            _ => Val::Unknown,
        }
    }

    fn eval_attribute(&mut self, node: Node<'_>, depth: usize) -> Val {
        let (Some(object), Some(attr)) = (node.field("object"), node.field("attribute")) else {
            return Val::Unknown;
        };
        match self.text_of(attr) {
            "parent" => path_parent(self.eval(object, depth)),
            // `subprocess.run([...git rev-parse...]).stdout`
            "stdout" => match self.eval(object, depth) {
                Val::Known(v) if v.anchor == Anchor::Root => Val::Known(v),
                _ => Val::Unknown,
            },
            _ => Val::Unknown,
        }
    }

    fn eval_subscript(&mut self, node: Node<'_>, depth: usize) -> Val {
        let (Some(value), Some(index)) = (node.field("value"), node.field("subscript")) else {
            return Val::Unknown;
        };
        if value.kind_name() == "attribute"
            && value
                .field("attribute")
                .is_some_and(|a| self.text_of(a) == "parents")
        {
            let Some(object) = value.field("object") else {
                return Val::Unknown;
            };
            let Ok(n) = self.text_of(index).parse::<usize>() else {
                return Val::Unknown;
            };
            if n > 64 {
                return Val::Unknown;
            }
            let mut v = self.eval(object, depth);
            for _ in 0..=n {
                v = path_parent(v);
            }
            return v;
        }
        if self.qualified(value).as_deref() == Some("os.environ") {
            // `os.environ["X"]` raises when unset: no `or` fallback applies.
            return match self.env_value(Some(index), None, depth) {
                Val::EnvUnset => Val::Unknown,
                other => other,
            };
        }
        Val::Unknown
    }

    fn eval_call(&mut self, node: Node<'_>, depth: usize) -> Val {
        let Some(function) = node.field("function") else {
            return Val::Unknown;
        };
        let args = self.args(node);
        if let Some(name) = self.qualified(function) {
            return self.call_function(&name, node, &args, depth);
        }
        if function.kind_name() != "attribute" {
            return Val::Unknown;
        }
        let (Some(object), Some(method)) = (function.field("object"), function.field("attribute"))
        else {
            return Val::Unknown;
        };
        let method = self.text_of(method);
        let receiver = self.eval(object, depth);
        let arg = |me: &mut Self, i: usize, name: &str| match args.get(i, name) {
            Some(n) => me.eval(n, depth).into_static(),
            None => StaticValue::unknown(),
        };
        match method {
            "resolve" | "absolute" | "decode" => receiver,
            "strip" | "rstrip" if args.positional.is_empty() => match receiver {
                Val::Known(v) if v.anchor == Anchor::None => match v.as_known() {
                    Some(t) => Val::Known(StaticValue::text(t.trim())),
                    None => Val::Known(v),
                },
                other => other,
            },
            "joinpath" if !args.splat => {
                let mut v = receiver.into_static();
                for a in &args.positional {
                    let next = self.eval(*a, depth).into_static();
                    v = join(&v, next);
                }
                Val::Known(tidy(v))
            }
            "with_suffix" => {
                let s = arg(self, 0, "suffix");
                Val::Known(with_suffix(&receiver.into_static(), s))
            }
            "format" => self.format_method(&receiver, &args, depth),
            "with_name" => {
                let n = arg(self, 0, "name");
                Val::Known(with_name(&receiver.into_static(), n))
            }
            _ => Val::Unknown,
        }
    }
}

/// `.parent` of a value: the script directory for the file itself.
pub(super) fn path_parent(v: Val) -> Val {
    match v {
        Val::ThisFile => Val::Known(StaticValue::anchored(Anchor::ScriptDir, "")),
        Val::Known(v) if !v.is_unknown() => Val::Known(parent(&v)),
        _ => Val::Unknown,
    }
}

/// The first named child that is not a comment.
pub(super) fn first_named(node: Node<'_>) -> Option<Node<'_>> {
    named_children(node).find(|c| c.kind_name() != "comment")
}
