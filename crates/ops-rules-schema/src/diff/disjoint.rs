//! Can a value match both an old alternative and a new schema? Needed where matching the
//! new schema matters negatively: the other branches of a `oneOf` (2020-12 Core 10.2.1.3)
//! and `not`. The answer "disjoint" must be certain; anything unsure is "may overlap".
//!
//! Two schemas are disjoint when, for every type they both allow, that type's keywords rule
//! out a common value: number ranges that do not meet, string lengths or item counts that
//! do not meet, or a finite side whose every value the other rejects.

use serde_json::Value;

use super::compare::Differ;
use super::flat::{Conj, expand};
use super::strings::count;
use super::types::TypeSet;
use super::values::finite_candidates;

/// The numbers a conjunction allows, as `(low, low exclusive, high, high exclusive)`.
fn number_range(conj: &Conj<'_>) -> (f64, bool, f64, bool) {
    let mut lo = (f64::NEG_INFINITY, false);
    let mut hi = (f64::INFINITY, false);
    for part in &conj.parts {
        let m = part.map;
        let d4 = |k: &str| m.get(k) == Some(&Value::Bool(true));
        if let Some(v) = m.get("minimum").and_then(Value::as_f64) {
            let e = d4("exclusiveMinimum");
            if v > lo.0 || (v == lo.0 && e) {
                lo = (v, e);
            }
        }
        if let Some(v) = m.get("exclusiveMinimum").and_then(Value::as_f64)
            && v >= lo.0
        {
            lo = (v, true);
        }
        if let Some(v) = m.get("maximum").and_then(Value::as_f64) {
            let e = d4("exclusiveMaximum");
            if v < hi.0 || (v == hi.0 && e) {
                hi = (v, e);
            }
        }
        if let Some(v) = m.get("exclusiveMaximum").and_then(Value::as_f64)
            && v <= hi.0
        {
            hi = (v, true);
        }
    }
    (lo.0, lo.1, hi.0, hi.1)
}

fn ranges_meet(a: (f64, bool, f64, bool), b: (f64, bool, f64, bool)) -> bool {
    let lo = if a.0 > b.0 || (a.0 == b.0 && a.1) {
        (a.0, a.1)
    } else {
        (b.0, b.1)
    };
    let hi = if a.2 < b.2 || (a.2 == b.2 && a.3) {
        (a.2, a.3)
    } else {
        (b.2, b.3)
    };
    lo.0 < hi.0 || (lo.0 == hi.0 && !lo.1 && !hi.1)
}

fn count_range(conj: &Conj<'_>, min: &str, max: &str) -> (u64, u64) {
    (
        count(conj, min, true).map_or(0, |(_, v)| v),
        count(conj, max, false).map_or(u64::MAX, |(_, v)| v),
    )
}

fn types_of(conj: &Conj<'_>) -> TypeSet {
    conj.all("type")
        .filter_map(|(_, v)| TypeSet::of_keyword(v))
        .fold(TypeSet::ALL, TypeSet::intersect)
}

impl Differ<'_, '_> {
    /// Whether no value matches both the old alternative `o` and the new schema at `ptr`.
    /// `mask`: the types of `o` that count.
    pub(super) fn disjoint(&mut self, o: &Conj<'_>, ptr: &str, mask: TypeSet) -> bool {
        let alts = expand(self.new, &[ptr.to_string()], self.budget);
        alts.iter().all(|b| self.disjoint_conj(o, b, mask))
    }

    fn disjoint_conj(&mut self, o: &Conj<'_>, b: &Conj<'_>, mask: TypeSet) -> bool {
        if b.unsat.is_some() || o.unsat.is_some() {
            return true;
        }
        if !b.opaque.is_empty() || !o.opaque.is_empty() {
            return false;
        }
        if let Some((values, _)) = finite_candidates(o) {
            let mut old = self.old_checker.borrow_mut();
            let mut new = self.new_checker.borrow_mut();
            let none_shared = values.iter().all(|v| {
                !mask.contains(TypeSet::of_value(v))
                    || old.conj_accepts(o, v) == Some(false)
                    || new.conj_accepts(b, v) == Some(false)
            });
            if none_shared {
                return true;
            }
        }
        if let Some((values, _)) = finite_candidates(b) {
            let mut old = self.old_checker.borrow_mut();
            let mut new = self.new_checker.borrow_mut();
            let none_shared = values.iter().all(|v| {
                !mask.contains(TypeSet::of_value(v))
                    || new.conj_accepts(b, v) == Some(false)
                    || old.conj_accepts(o, v) == Some(false)
            });
            if none_shared {
                return true;
            }
        }
        let common = types_of(o).intersect(types_of(b)).intersect(mask);
        let families = [
            TypeSet::NULL,
            TypeSet::BOOLEAN,
            TypeSet::OBJECT,
            TypeSet::ARRAY,
            TypeSet::STRING,
            TypeSet::NUMBER,
        ];
        families
            .into_iter()
            .filter(|f| common.meets(*f))
            .all(|family| match family {
                f if f == TypeSet::NUMBER => !ranges_meet(number_range(o), number_range(b)),
                f if f == TypeSet::STRING => {
                    let (a, c) = (
                        count_range(o, "minLength", "maxLength"),
                        count_range(b, "minLength", "maxLength"),
                    );
                    a.0.max(c.0) > a.1.min(c.1)
                }
                f if f == TypeSet::ARRAY => {
                    let (a, c) = (
                        count_range(o, "minItems", "maxItems"),
                        count_range(b, "minItems", "maxItems"),
                    );
                    a.0.max(c.0) > a.1.min(c.1)
                }
                f if f == TypeSet::OBJECT => {
                    let (a, c) = (
                        count_range(o, "minProperties", "maxProperties"),
                        count_range(b, "minProperties", "maxProperties"),
                    );
                    a.0.max(c.0) > a.1.min(c.1)
                }
                _ => false,
            })
    }
}
