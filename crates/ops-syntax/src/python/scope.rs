//! Walking statements in order, keeping what each name is known to hold.
//!
//! The module body runs first, top to bottom, through `if`/`for`/`while`/`try`/`with`/
//! `match` blocks alike; a class body runs where it stands. Function bodies run afterwards,
//! in order of definition, each seeing the module's final names, the names of the functions
//! around it, and its own locals; parameters and every name the body assigns anywhere start
//! unknown, so a global is never read through a local of the same name.
//!
//! Limits (what stays unknown): values flowing through function returns, parameters and
//! their defaults, attributes (`self.out = ...`), containers, `global` rebinding, and the
//! branch taken: assignments in `if`/`else` or `try`/`except` count in textual order, the
//! last one wins.

use tree_sitter::Node;

use super::BudgetKind;
use super::analyzer::{Analyzer, Frame, Val};
use super::eval::first_named;
use super::kind::KindName;
use super::nav::{Fields, named_children};

impl Analyzer<'_, '_> {
    /// Runs the module body, then every function, depth first.
    pub fn run_module(&mut self, root: Node<'_>) {
        let mut pending = Vec::new();
        self.walk_block(root, 0, &mut pending);
        self.run_pending(pending, 0);
    }

    fn run_pending(&mut self, pending: Vec<Node<'_>>, depth: usize) {
        for def in pending {
            self.run_function(def, depth + 1);
        }
    }

    fn too_deep(&mut self, node: Node<'_>, depth: usize) -> bool {
        if depth > self.budget.max_depth {
            self.over_budget(BudgetKind::NestingDepth, node, self.budget.max_depth);
            return true;
        }
        false
    }

    fn run_function(&mut self, def: Node<'_>, depth: usize) {
        if self.too_deep(def, depth) {
            return;
        }
        self.frames.push(Frame::default());
        if let Some(params) = def.field("parameters") {
            self.bind_parameters(params);
        }
        if let Some(body) = def.field("body") {
            for name in self.assigned_names(body) {
                self.bind(&name, Val::Unknown);
            }
            let mut pending = Vec::new();
            self.walk_block(body, depth, &mut pending);
            self.run_pending(pending, depth);
        }
        self.frames.pop();
    }

    /// Parameters (and `lambda` parameters) hold what the caller passes: unknown.
    fn bind_parameters(&mut self, params: Node<'_>) {
        for p in named(params) {
            let name = match p.kind_name() {
                "identifier" => Some(p),
                "default_parameter" | "typed_default_parameter" => p.field("name"),
                // `*a`, `**k`, `a: int`, `*a: int`.
                _ => first_named(p).and_then(|n| {
                    if n.kind_name() == "identifier" {
                        Some(n)
                    } else {
                        first_named(n).filter(|n| n.kind_name() == "identifier")
                    }
                }),
            };
            if let Some(n) = name {
                let n = self.text_of(n);
                self.bind(n, Val::Unknown);
            }
        }
    }

    fn walk_block<'n>(&mut self, block: Node<'n>, depth: usize, pending: &mut Vec<Node<'n>>) {
        for child in named(block) {
            self.walk_statement(child, depth + 1, pending);
        }
    }

    fn walk_statement<'n>(&mut self, node: Node<'n>, depth: usize, pending: &mut Vec<Node<'n>>) {
        if self.too_deep(node, depth) {
            return;
        }
        match node.kind_name() {
            "comment" => {}
            "expression_statement" => {
                for part in named(node) {
                    match part.kind_name() {
                        "assignment" => self.assignment(part, depth),
                        "augmented_assignment" => self.augmented_assignment(part, depth),
                        _ => self.scan(part, depth),
                    }
                }
            }
            "function_definition" => {
                // Defaults and annotations run at definition time, the body later.
                if let Some(params) = node.field("parameters") {
                    self.scan(params, depth);
                }
                pending.push(node);
            }
            "decorated_definition" => {
                for child in named(node) {
                    match child.kind_name() {
                        "decorator" => self.scan(child, depth),
                        _ => self.walk_statement(child, depth + 1, pending),
                    }
                }
            }
            "class_definition" => {
                if let Some(bases) = node.field("superclasses") {
                    self.scan(bases, depth);
                }
                if let Some(body) = node.field("body") {
                    self.frames.push(Frame {
                        class: true,
                        ..Frame::default()
                    });
                    let mut methods = Vec::new();
                    self.walk_block(body, depth, &mut methods);
                    self.run_pending(methods, depth);
                    self.frames.pop();
                }
            }
            "for_statement" => {
                if let Some(left) = node.field("left") {
                    self.bind_unknown(left);
                }
                self.compound(node, depth, pending);
            }
            "block" => self.walk_block(node, depth, pending),
            _ => self.compound(node, depth, pending),
        }
    }

    /// Any other statement or clause: blocks and nested clauses are walked, expressions
    /// scanned for writes. Also reads what the parser kept of an `ERROR` node.
    fn compound<'n>(&mut self, node: Node<'n>, depth: usize, pending: &mut Vec<Node<'n>>) {
        for child in named(node) {
            let kind = child.kind_name();
            if kind == "block"
                || kind.ends_with("_statement")
                || kind.ends_with("_clause")
                || kind.ends_with("_definition")
                || kind == "ERROR"
            {
                self.walk_statement(child, depth + 1, pending);
            } else if kind != "comment" {
                self.scan(child, depth + 1);
            }
        }
    }

    fn assignment(&mut self, node: Node<'_>, depth: usize) {
        // `a = b = value`: the innermost right-hand side is the value of every target.
        let mut targets = Vec::new();
        let mut cur = node;
        loop {
            if let Some(left) = cur.field("left") {
                targets.push(left);
            }
            match cur.field("right") {
                Some(right) if right.kind_name() == "assignment" => cur = right,
                Some(right) => {
                    self.scan(right, depth);
                    for target in targets {
                        self.bind_target(target, right);
                    }
                    return;
                }
                // `x: int`: an annotation binds nothing.
                None => return,
            }
        }
    }

    fn bind_target(&mut self, target: Node<'_>, right: Node<'_>) {
        match target.kind_name() {
            "identifier" => {
                let value = self.eval(right, 0);
                let name = self.text_of(target);
                self.bind_at(name, value, super::line_of(target));
            }
            "pattern_list" | "tuple_pattern" | "list_pattern" => {
                let lefts: Vec<Node<'_>> = named(target);
                let rights: Vec<Node<'_>> = match right.kind_name() {
                    "expression_list" | "tuple" | "list" => named(right),
                    _ => Vec::new(),
                };
                if lefts.len() == rights.len() {
                    for (l, r) in lefts.into_iter().zip(rights) {
                        self.bind_target(l, r);
                    }
                } else {
                    self.bind_unknown(target);
                }
            }
            // `self.out = ...`, `d["k"] = ...`: attributes and items are not tracked.
            "attribute" | "subscript" => {}
            // `*rest`, `[a, b]` against something that is not a literal sequence.
            _ => self.bind_unknown(target),
        }
    }

    fn augmented_assignment(&mut self, node: Node<'_>, depth: usize) {
        let (Some(left), Some(op), Some(right)) = (
            node.field("left"),
            node.field("operator"),
            node.field("right"),
        ) else {
            return;
        };
        self.scan(right, depth);
        if left.kind_name() != "identifier" {
            return;
        }
        let name = self.text_of(left);
        let before = self.lookup(name);
        let value = match self.text_of(op) {
            "/=" | "+=" if !before.is_unknown() => {
                let rhs = self.eval(right, 0).into_static();
                let mut v = before.into_static();
                if self.text_of(op) == "/=" {
                    v = super::pathtext::tidy(super::pathtext::join(&v, rhs));
                } else {
                    v.push(rhs);
                }
                Val::Known(v)
            }
            _ => Val::Unknown,
        };
        self.bind_at(name, value, super::line_of(left));
    }

    /// Binds every identifier in a target (`for a, (b, c) in ...`, `as f`) to unknown.
    fn bind_unknown(&mut self, target: Node<'_>) {
        let mut stack = vec![target];
        while let Some(n) = stack.pop() {
            match n.kind_name() {
                "identifier" => {
                    let name = self.text_of(n);
                    self.bind(name, Val::Unknown);
                }
                // `a.b` and `a[i]` as targets bind no name.
                "attribute" | "subscript" => {}
                _ => push_children(n, &mut stack),
            }
        }
    }

    /// Looks for write sites in an expression, in source order.
    pub fn scan(&mut self, node: Node<'_>, depth: usize) {
        if self.too_deep(node, depth) {
            return;
        }
        match node.kind_name() {
            "call" => {
                self.on_call(node);
                self.scan_children(node, depth);
            }
            "lambda" => {
                self.frames.push(Frame::default());
                if let Some(params) = node.field("parameters") {
                    self.bind_parameters(params);
                }
                if let Some(body) = node.field("body") {
                    self.scan(body, depth + 1);
                }
                self.frames.pop();
            }
            "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression" => {
                self.frames.push(Frame::default());
                for clause in named(node)
                    .into_iter()
                    .filter(|c| c.kind_name() == "for_in_clause")
                {
                    if let Some(left) = clause.field("left") {
                        self.bind_unknown(left);
                    }
                }
                self.scan_children(node, depth);
                self.frames.pop();
            }
            // `with open(p, "w") as f`, `except E as e`.
            "as_pattern" => {
                for child in named(node) {
                    if child.kind_name() == "as_pattern_target" {
                        self.bind_unknown(child);
                    } else {
                        self.scan(child, depth + 1);
                    }
                }
            }
            "comment" | "identifier" | "string_content" | "integer" | "float" => {}
            _ => {
                self.scan_children(node, depth);
            }
        }
    }

    fn scan_children(&mut self, node: Node<'_>, depth: usize) {
        for child in named_children(node) {
            self.scan(child, depth + 1);
        }
    }

    /// Every name a function body binds anywhere (assignments, loop and `with` targets,
    /// imports, nested definitions), nested scopes left out.
    fn assigned_names(&self, body: Node<'_>) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![body];
        while let Some(n) = stack.pop() {
            let target = match n.kind_name() {
                "function_definition" | "class_definition" => {
                    if let Some(name) = n.field("name") {
                        out.push(self.text_of(name).to_string());
                    }
                    continue;
                }
                "lambda"
                | "list_comprehension"
                | "set_comprehension"
                | "dictionary_comprehension"
                | "generator_expression" => continue,
                "assignment" | "augmented_assignment" | "for_statement" => n.field("left"),
                "named_expression" => n.field("name"),
                "as_pattern_target" => Some(n),
                "aliased_import" => n.field("alias"),
                _ => None,
            };
            if let Some(t) = target {
                collect_identifiers(self, t, &mut out);
            }
            push_children(n, &mut stack);
        }
        out
    }
}

fn collect_identifiers(a: &Analyzer<'_, '_>, target: Node<'_>, out: &mut Vec<String>) {
    let mut stack = vec![target];
    while let Some(n) = stack.pop() {
        match n.kind_name() {
            "identifier" => out.push(a.text_of(n).to_string()),
            "attribute" | "subscript" => {}
            _ => push_children(n, &mut stack),
        }
    }
}

/// Pushes the named children of `node` on a walk stack.
fn push_children<'n>(node: Node<'n>, stack: &mut Vec<Node<'n>>) {
    stack.extend(named_children(node));
}

/// The named children of a node, comments left out.
pub(super) fn named(node: Node<'_>) -> Vec<Node<'_>> {
    named_children(node)
        .filter(|c| c.kind_name() != "comment")
        .collect()
}
