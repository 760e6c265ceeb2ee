//! Numeric keywords (2020-12 Validation 6.2): `minimum`, `exclusiveMinimum`, `maximum`,
//! `exclusiveMaximum`, `multipleOf`. Draft-04's boolean `exclusiveMinimum`/`Maximum` make
//! the `minimum`/`maximum` beside them exclusive.
//!
//! A schema's lower bound is the tightest over its parts; inclusive and exclusive bounds are
//! one scale (`x >= 1` is looser than `x > 1`). When the old schema allows integers only,
//! bounds are first rounded to the integers they admit, so `exclusiveMinimum: 0` equals
//! `minimum: 1`.

use serde_json::Value;

use super::change::{ChangeKind, Class};
use super::compare::{Differ, Out};
use super::flat::Conj;
use super::types::TypeSet;

/// One bound: the number and whether it is exclusive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub exclusive: bool,
    /// Part pointer of the keyword that gave it, with the keyword.
    at: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Lower,
    Upper,
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// The tightest bound of one side over the parts; `at` indexes `pointers`.
fn bound(conj: &Conj<'_>, side: Side, pointers: &mut Vec<String>) -> Option<Bound> {
    let (inclusive, exclusive) = match side {
        Side::Lower => ("minimum", "exclusiveMinimum"),
        Side::Upper => ("maximum", "exclusiveMaximum"),
    };
    let mut best: Option<Bound> = None;
    for part in &conj.parts {
        let draft4_exclusive = part.map.get(exclusive) == Some(&Value::Bool(true));
        let mut candidates = Vec::new();
        if let Some(v) = part.map.get(inclusive).and_then(number) {
            candidates.push((v, draft4_exclusive, inclusive));
        }
        if let Some(v) = part.map.get(exclusive).and_then(number) {
            candidates.push((v, true, exclusive));
        }
        for (value, excl, keyword) in candidates {
            let b = Bound {
                value,
                exclusive: excl,
                at: pointers.len(),
            };
            pointers.push(super::compare::kw(&part.ptr, keyword));
            if best.is_none_or(|cur| tighter(side, b, cur)) {
                best = Some(b);
            }
        }
    }
    best
}

/// Whether `a` admits strictly less than `b`.
fn tighter(side: Side, a: Bound, b: Bound) -> bool {
    match side {
        Side::Lower => a.value > b.value || (a.value == b.value && a.exclusive && !b.exclusive),
        Side::Upper => a.value < b.value || (a.value == b.value && a.exclusive && !b.exclusive),
    }
}

/// The bound over integers: the first (last) integer admitted, inclusive.
fn on_integers(side: Side, b: Bound) -> Bound {
    let value = match (side, b.exclusive) {
        (Side::Lower, false) => b.value.ceil(),
        (Side::Lower, true) => b.value.floor() + 1.0,
        (Side::Upper, false) => b.value.floor(),
        (Side::Upper, true) => b.value.ceil() - 1.0,
    };
    Bound {
        value,
        exclusive: false,
        at: b.at,
    }
}

fn show(b: Bound) -> String {
    let op = if b.exclusive {
        "exclusive"
    } else {
        "inclusive"
    };
    format!("{} ({op})", fmt_number(b.value))
}

pub fn fmt_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

impl Differ<'_, '_> {
    /// Compares the numeric keywords; `old_types` is what the old alternative allows.
    pub(super) fn numbers(
        &mut self,
        o: &Conj<'_>,
        n: &Conj<'_>,
        old_types: TypeSet,
        out: &mut Out,
    ) {
        let integers_only = old_types.intersect(TypeSet::NUMBER) == TypeSet::INTEGER;
        for side in [Side::Lower, Side::Upper] {
            let (mut op, mut np) = (Vec::new(), Vec::new());
            let ob = bound(o, side, &mut op);
            let nb = bound(n, side, &mut np);
            let name = if side == Side::Lower {
                "lower"
            } else {
                "upper"
            };
            let (added, up, down, removed) = match side {
                Side::Lower => (
                    ChangeKind::MinimumAdded,
                    ChangeKind::MinimumIncreased,
                    ChangeKind::MinimumDecreased,
                    ChangeKind::MinimumRemoved,
                ),
                Side::Upper => (
                    ChangeKind::MaximumAdded,
                    ChangeKind::MaximumIncreased,
                    ChangeKind::MaximumDecreased,
                    ChangeKind::MaximumRemoved,
                ),
            };
            let o_at =
                |b: Option<Bound>| b.map_or_else(|| o.origin(&out.o_at), |b| op[b.at].clone());
            let n_at =
                |b: Option<Bound>| b.map_or_else(|| n.origin(&out.n_at), |b| np[b.at].clone());
            match (ob, nb) {
                (None, None) => {}
                (None, Some(b)) => out.push(
                    o_at(None),
                    n_at(Some(b)),
                    added,
                    Class::Breaking,
                    format!("a {name} bound {} on numbers appeared", show(b)),
                ),
                (Some(b), None) => out.push(
                    o_at(Some(b)),
                    n_at(None),
                    removed,
                    Class::NonBreaking,
                    format!("the {name} bound {} on numbers was removed", show(b)),
                ),
                (Some(a), Some(b)) => {
                    let (ea, eb) = if integers_only {
                        (on_integers(side, a), on_integers(side, b))
                    } else {
                        (a, b)
                    };
                    let (kind, class) = if tighter(side, eb, ea) {
                        (if side == Side::Lower { up } else { down }, Class::Breaking)
                    } else if tighter(side, ea, eb) {
                        (
                            if side == Side::Lower { down } else { up },
                            Class::NonBreaking,
                        )
                    } else {
                        continue;
                    };
                    out.push(
                        o_at(Some(a)),
                        n_at(Some(b)),
                        kind,
                        class,
                        format!(
                            "the {name} bound on numbers went from {} to {}",
                            show(a),
                            show(b)
                        ),
                    );
                }
            }
        }
        self.multiple_of(o, n, integers_only, out);
    }

    fn multiple_of(&mut self, o: &Conj<'_>, n: &Conj<'_>, integers_only: bool, out: &mut Out) {
        let olds: Vec<(String, f64)> = o
            .all("multipleOf")
            .filter_map(|(p, v)| Some((super::compare::kw(p, "multipleOf"), number(v)?)))
            .collect();
        let news: Vec<(String, f64)> = n
            .all("multipleOf")
            .filter_map(|(p, v)| Some((super::compare::kw(p, "multipleOf"), number(v)?)))
            .collect();
        let divides = |d: f64, m: f64| {
            if d <= 0.0 {
                return false;
            }
            let q = m / d;
            (q - q.round()).abs() < 1e-9
        };
        for (at, m) in &news {
            let implied =
                olds.iter().any(|(_, om)| divides(*m, *om)) || (integers_only && divides(*m, 1.0));
            if !implied {
                let was = if olds.is_empty() {
                    "none".to_string()
                } else {
                    olds.iter()
                        .map(|(_, v)| fmt_number(*v))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                out.push(
                    olds.first()
                        .map_or_else(|| o.origin(&out.o_at), |(p, _)| p.clone()),
                    at.clone(),
                    ChangeKind::MultipleOfTightened,
                    Class::Breaking,
                    format!(
                        "`multipleOf` {} (was {was}) rejects numbers the old schema allowed",
                        fmt_number(*m)
                    ),
                );
            }
        }
        for (at, m) in &olds {
            let still = news
                .iter()
                .any(|(_, nm)| divides(*nm, *m) && divides(*m, *nm));
            if !still {
                out.push(
                    at.clone(),
                    news.first()
                        .map_or_else(|| n.origin(&out.n_at), |(p, _)| p.clone()),
                    ChangeKind::MultipleOfLoosened,
                    Class::NonBreaking,
                    format!("`multipleOf` {} was removed or loosened", fmt_number(*m)),
                );
            }
        }
    }
}
