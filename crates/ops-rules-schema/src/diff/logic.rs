//! `enum` and `const` (2020-12 Validation 6.1.2, 6.1.3), `not` (Core 10.2.1.4) and
//! `if`/`then`/`else` (Core 10.2.2).
//!
//! `not` is contravariant: old `not: A` to new `not: B` keeps every old document valid
//! when `B` accepts no more than `A`, which is the same comparison with the sides swapped.
//! A new `not: B` is also harmless when nothing the old schema allows matches `B`.

use serde_json::Value;

use super::change::{ChangeKind, Class};
use super::compare::{Differ, Out, kw};
use super::flat::Conj;
use super::values::same_value;

fn show(v: &Value) -> String {
    let text = v.to_string();
    if text.len() > 60 {
        format!(
            "{}...",
            &text[..text.char_indices().nth(57).map_or(text.len(), |(i, _)| i)]
        )
    } else {
        text
    }
}

/// The `enum` lists of the parts, intersected, with the first pointer.
fn enum_set(conj: &Conj<'_>) -> Option<(String, Vec<Value>)> {
    let mut out: Option<(String, Vec<Value>)> = None;
    for (ptr, v) in conj.all("enum") {
        let Value::Array(list) = v else { continue };
        out = Some(match out {
            None => (kw(ptr, "enum"), list.clone()),
            Some((at, prev)) => (
                at,
                prev.into_iter()
                    .filter(|x| list.iter().any(|y| same_value(x, y)))
                    .collect(),
            ),
        });
    }
    out
}

impl Differ<'_, '_> {
    /// `finite`: the values the old alternative allows, when it is finite.
    pub(super) fn enums(
        &mut self,
        o: &Conj<'_>,
        n: &Conj<'_>,
        finite: Option<&[Value]>,
        out: &mut Out,
    ) {
        let o_consts: Vec<(String, &Value)> =
            o.all("const").map(|(p, v)| (kw(p, "const"), v)).collect();
        let n_consts: Vec<(String, &Value)> =
            n.all("const").map(|(p, v)| (kw(p, "const"), v)).collect();
        for (at, c) in &n_consts {
            match o_consts.first() {
                None => out.push(
                    out.o_at.clone(),
                    at.clone(),
                    ChangeKind::ConstAdded,
                    Class::Breaking,
                    format!("`const` {} appeared", show(c)),
                ),
                Some((o_at, was)) if !o_consts.iter().any(|(_, x)| same_value(x, c)) => out.push(
                    o_at.clone(),
                    at.clone(),
                    ChangeKind::ConstChanged,
                    Class::Breaking,
                    format!("`const` changed from {} to {}", show(was), show(c)),
                ),
                Some(_) => {}
            }
        }
        if n_consts.is_empty() {
            for (at, c) in &o_consts {
                out.push(
                    at.clone(),
                    out.n_at.clone(),
                    ChangeKind::ConstRemoved,
                    Class::NonBreaking,
                    format!("`const` {} was removed", show(c)),
                );
            }
        }
        let (oe, ne) = (enum_set(o), enum_set(n));
        match (&oe, &ne, finite) {
            (_, Some((n_at, allowed)), Some(values)) => {
                let o_at = oe
                    .as_ref()
                    .map_or_else(|| out.o_at.clone(), |(p, _)| p.clone());
                for v in values {
                    if !allowed.iter().any(|a| same_value(a, v)) {
                        out.push(
                            o_at.clone(),
                            n_at.clone(),
                            ChangeKind::EnumValueRemoved,
                            Class::Breaking,
                            format!("value {} is no longer allowed by `enum`", show(v)),
                        );
                    }
                }
                if oe.is_some() {
                    for a in allowed {
                        if !values.iter().any(|v| same_value(a, v)) {
                            out.push(
                                o_at.clone(),
                                n_at.clone(),
                                ChangeKind::EnumValueAdded,
                                Class::NonBreaking,
                                format!("value {} was added to `enum`", show(a)),
                            );
                        }
                    }
                }
            }
            (_, Some((n_at, allowed)), None) => out.push(
                out.o_at.clone(),
                n_at.clone(),
                ChangeKind::EnumAdded,
                Class::Breaking,
                format!("an `enum` of {} values appeared", allowed.len()),
            ),
            (Some((o_at, _)), None, _) => out.push(
                o_at.clone(),
                out.n_at.clone(),
                ChangeKind::EnumRemoved,
                Class::NonBreaking,
                "the `enum` was removed".to_string(),
            ),
            (None, None, _) => {}
        }
    }

    pub(super) fn logic(&mut self, o: &Conj<'_>, n: &Conj<'_>, out: &mut Out) {
        let o_nots: Vec<String> = o.all("not").map(|(p, _)| kw(p, "not")).collect();
        let n_nots: Vec<String> = n.all("not").map(|(p, _)| kw(p, "not")).collect();
        for np in &n_nots {
            let covered = o_nots.iter().any(|op| {
                let mut rev = self.reversed();
                let mut trial = Out::new(np.clone(), op.clone());
                rev.schemas(
                    std::slice::from_ref(np),
                    std::slice::from_ref(op),
                    np,
                    op,
                    &mut trial,
                );
                trial.breaking() == 0
            });
            if covered || self.disjoint(o, np, super::types::TypeSet::ALL) {
                continue;
            }
            let (o_at, what) = match o_nots.first() {
                Some(op) => (
                    op.clone(),
                    "`not` changed and now rejects values the old schema allowed",
                ),
                None => (
                    out.o_at.clone(),
                    "`not` appeared and rejects values the old schema allowed",
                ),
            };
            out.push(
                o_at,
                np.clone(),
                ChangeKind::ConstraintAdded,
                Class::Breaking,
                what.to_string(),
            );
        }
        if n_nots.is_empty() {
            for op in &o_nots {
                out.push(
                    op.clone(),
                    out.n_at.clone(),
                    ChangeKind::ConstraintRemoved,
                    Class::NonBreaking,
                    "`not` was removed".to_string(),
                );
            }
        }
        self.conditionals(o, n, out);
    }

    /// `if`/`then`/`else`: a new conditional must have an old one with the same `if`, whose
    /// `then` and `else` it accepts.
    fn conditionals(&mut self, o: &Conj<'_>, n: &Conj<'_>, out: &mut Out) {
        let olds: Vec<(String, &Value)> = o.all("if").map(|(p, v)| (p.to_string(), v)).collect();
        let news: Vec<(String, &Value)> = n.all("if").map(|(p, v)| (p.to_string(), v)).collect();
        let branch = |ptr: &str, which: &str, doc: &super::doc::Doc<'_>| {
            let at = kw(ptr, which);
            doc.get(&at).map(|_| vec![at.clone()]).unwrap_or_default()
        };
        for (np, cond) in &news {
            let Some((op, _)) = olds.iter().find(|(_, c)| same_value(c, cond)) else {
                out.push(
                    out.o_at.clone(),
                    kw(np, "if"),
                    ChangeKind::ConstraintAdded,
                    Class::Breaking,
                    "an `if`/`then`/`else` conditional appeared".to_string(),
                );
                continue;
            };
            for which in ["then", "else"] {
                let os = branch(op, which, self.old);
                let ns = branch(np, which, self.new);
                let (oa, na) = (kw(op, which), kw(np, which));
                self.schemas(&os, &ns, &oa, &na, out);
            }
        }
        for (op, cond) in &olds {
            if !news.iter().any(|(_, c)| same_value(c, cond)) {
                out.push(
                    kw(op, "if"),
                    out.n_at.clone(),
                    ChangeKind::ConstraintRemoved,
                    Class::NonBreaking,
                    "an `if`/`then`/`else` conditional was removed".to_string(),
                );
            }
        }
    }
}
