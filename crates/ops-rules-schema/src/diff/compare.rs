//! The comparison: is every document the old schema accepts still accepted by the new one,
//! and what changed on the way?
//!
//! Both sides are expanded into alternatives ([`super::flat`]). Each old alternative is
//! compared with the new alternative that accepts it (trying each; the one with the fewest
//! breaking changes is reported when none accepts it), keyword family by keyword family.
//! A keyword family that applies only to types the old alternative does not allow (`minimum`
//! beside `type: string`) cannot break anything and is reported as non-breaking.
//!
//! Recursion (into `properties`, `items`, ...) is memoized per pair of alternatives; a pair
//! met again while it is being compared is assumed compatible, which makes recursive schemas
//! (trees through `$ref`) terminate with the greatest fixpoint.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::budget::Budget;
use super::change::{Change, ChangeKind, Class};
use super::doc::Doc;
use super::flat::{Conj, expand};
use super::types::TypeSet;
use super::values::{Checker, finite_candidates};
use crate::pointer::push_token;

/// `ptr/keyword`.
pub fn kw(ptr: &str, keyword: &str) -> String {
    let mut at = ptr.to_string();
    push_token(&mut at, keyword);
    at
}

/// Where changes go, with the pointers to report at when a side has no schema object (the
/// `true` schema, or an absent keyword).
#[derive(Debug)]
pub struct Out {
    pub o_at: String,
    pub n_at: String,
    pub changes: Vec<Change>,
}

impl Out {
    pub fn new(o_at: String, n_at: String) -> Out {
        Out {
            o_at,
            n_at,
            changes: Vec::new(),
        }
    }

    pub fn push(
        &mut self,
        old: String,
        new: String,
        kind: ChangeKind,
        class: Class,
        reason: String,
    ) {
        self.changes.push(Change {
            new_pointer: new,
            old_pointer: old,
            kind,
            class,
            reason,
        });
    }

    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.is_breaking()).count()
    }
}

/// Kinds the policy makes breaking whatever values are still accepted.
const POLICY: &[ChangeKind] = &[
    ChangeKind::RequiredAdded,
    ChangeKind::RequiredRemoved,
    ChangeKind::PropertyRemoved,
    ChangeKind::ConstAdded,
    ChangeKind::ConstChanged,
    ChangeKind::PatternAdded,
    ChangeKind::PatternChanged,
    ChangeKind::FormatAdded,
    ChangeKind::FormatChanged,
    ChangeKind::IdChanged,
    ChangeKind::Unknown,
];

type PairKey = (Vec<String>, Vec<String>, String, String, TypeSet);

/// The type families an old alternative is split into.
const FAMILIES: [TypeSet; 6] = [
    TypeSet::NULL,
    TypeSet::BOOLEAN,
    TypeSet::OBJECT,
    TypeSet::ARRAY,
    TypeSet::STRING,
    TypeSet::NUMBER,
];

/// One comparison run. `old` and `new` swap for the reversed comparisons of `not`.
pub struct Differ<'d, 'a> {
    pub old: &'d Doc<'a>,
    pub new: &'d Doc<'a>,
    pub budget: &'d Budget,
    pub old_checker: &'d RefCell<Checker>,
    pub new_checker: &'d RefCell<Checker>,
    active: BTreeSet<PairKey>,
    memo: BTreeMap<PairKey, Vec<Change>>,
    regexes: BTreeMap<String, Option<regex::Regex>>,
}

impl<'d, 'a> Differ<'d, 'a> {
    pub fn new(
        old: &'d Doc<'a>,
        new: &'d Doc<'a>,
        budget: &'d Budget,
        old_checker: &'d RefCell<Checker>,
        new_checker: &'d RefCell<Checker>,
    ) -> Self {
        Differ {
            old,
            new,
            budget,
            old_checker,
            new_checker,
            active: BTreeSet::new(),
            memo: BTreeMap::new(),
            regexes: BTreeMap::new(),
        }
    }

    /// The same comparison with the sides swapped (fresh memo, same budget).
    pub fn reversed(&self) -> Differ<'d, 'a> {
        Differ::new(
            self.new,
            self.old,
            self.budget,
            self.new_checker,
            self.old_checker,
        )
    }

    /// A compiled `pattern`/`patternProperties` regular expression (`None` when the Rust
    /// `regex` crate cannot compile it).
    pub fn regex(&mut self, pattern: &str) -> Option<&regex::Regex> {
        self.regexes
            .entry(pattern.to_string())
            .or_insert_with(|| regex::Regex::new(pattern).ok())
            .as_ref()
    }

    /// Compares the conjunction of the old schemas at `o` with that of the new ones at `n`
    /// (none: `true`). `o_at`/`n_at` name the place when a side is `true`.
    pub fn schemas(&mut self, o: &[String], n: &[String], o_at: &str, n_at: &str, out: &mut Out) {
        if !self.budget.tick() {
            self.over_budget(o_at, n_at, out);
            return;
        }
        if o.len() == 1 && n.len() == 1 && self.identical(&o[0], &n[0]) {
            return;
        }
        let olds: Vec<Conj<'a>> = expand(self.old, o, self.budget)
            .into_iter()
            .filter(|c| c.unsat.is_none())
            .collect();
        let news = expand(self.new, n, self.budget);
        let mut used = BTreeSet::new();
        for oa in &olds {
            used.extend(self.match_alternative(oa, &news, o_at, n_at, out));
        }
        if news.len() > 1 && !olds.is_empty() {
            for (j, na) in news.iter().enumerate() {
                if !used.contains(&j) && na.unsat.is_none() {
                    out.push(
                        o.first().cloned().unwrap_or_else(|| o_at.to_string()),
                        na.branch.clone().unwrap_or_else(|| na.origin(n_at)),
                        ChangeKind::AlternativeAdded,
                        Class::NonBreaking,
                        "an alternative that accepts more values".to_string(),
                    );
                }
            }
        }
    }

    /// Same pointer, same text, no reference inside: nothing can differ.
    fn identical(&self, o: &str, n: &str) -> bool {
        fn has_ref(v: &Value) -> bool {
            match v {
                Value::Object(m) => m.iter().any(|(k, v)| {
                    k == "$ref" || k == "$dynamicRef" || k == "$recursiveRef" || has_ref(v)
                }),
                Value::Array(a) => a.iter().any(has_ref),
                _ => false,
            }
        }
        o == n
            && match (self.old.get(o), self.new.get(n)) {
                (Some(a), Some(b)) => a == b && !has_ref(a),
                _ => false,
            }
    }

    fn over_budget(&self, o_at: &str, n_at: &str, out: &mut Out) {
        if out
            .changes
            .iter()
            .any(|c| c.kind == ChangeKind::Unknown && c.reason.contains("budget"))
        {
            return;
        }
        out.push(
            o_at.to_string(),
            n_at.to_string(),
            ChangeKind::Unknown,
            Class::Breaking,
            format!("unknown change: {}", self.budget.exhausted_reason()),
        );
    }

    /// Compares one old alternative with the new alternatives; returns those used.
    ///
    /// When no single new alternative accepts it, the old alternative is also split by type
    /// family: `type: [string, null]` is accepted by `anyOf: [{type: string}, {type:
    /// null}]` although neither branch accepts it whole.
    fn match_alternative(
        &mut self,
        oa: &Conj<'a>,
        news: &[Conj<'a>],
        o_at: &str,
        n_at: &str,
        out: &mut Out,
    ) -> Vec<usize> {
        let Some((j, whole)) = self.best_match(oa, news, TypeSet::ALL, o_at, n_at, out) else {
            return Vec::new();
        };
        let declared = oa
            .all("type")
            .filter_map(|(_, v)| TypeSet::of_keyword(v))
            .fold(TypeSet::ALL, TypeSet::intersect);
        let families: Vec<TypeSet> = FAMILIES
            .iter()
            .map(|f| f.intersect(declared))
            .filter(|f| !f.is_empty())
            .collect();
        if whole.breaking() == 0 || news.len() < 2 || families.len() < 2 {
            self.removed_alternative(oa, news, &whole, o_at, n_at, out);
            out.changes.extend(whole.changes);
            return vec![j];
        }
        let mut split = Out::new(out.o_at.clone(), out.n_at.clone());
        let mut used = Vec::new();
        for family in families {
            if let Some((k, part)) = self.best_match(oa, news, family, o_at, n_at, out) {
                used.push(k);
                split.changes.extend(part.changes);
            }
        }
        if split.breaking() < whole.breaking() {
            self.removed_alternative(oa, news, &split, o_at, n_at, out);
            out.changes.extend(split.changes);
            used
        } else {
            self.removed_alternative(oa, news, &whole, o_at, n_at, out);
            out.changes.extend(whole.changes);
            vec![j]
        }
    }

    /// Names the old alternative no new alternative accepts, beside the closest match's
    /// changes.
    fn removed_alternative(
        &self,
        oa: &Conj<'a>,
        news: &[Conj<'a>],
        best: &Out,
        o_at: &str,
        n_at: &str,
        out: &mut Out,
    ) {
        if news.len() < 2 || best.breaking() == 0 {
            return;
        }
        out.push(
            oa.branch.clone().unwrap_or_else(|| oa.origin(o_at)),
            n_at.to_string(),
            ChangeKind::AlternativeRemoved,
            Class::Breaking,
            "no new alternative accepts every value of this old one; the closest differs as \
             reported beside"
                .to_string(),
        );
    }

    /// The new alternative that accepts the old one restricted to `mask` with the fewest
    /// breaking changes (the first without any), and those changes.
    fn best_match(
        &mut self,
        oa: &Conj<'a>,
        news: &[Conj<'a>],
        mask: TypeSet,
        o_at: &str,
        n_at: &str,
        out: &Out,
    ) -> Option<(usize, Out)> {
        let mut best: Option<(usize, Out)> = None;
        for (j, na) in news.iter().enumerate() {
            let mut trial = Out::new(out.o_at.clone(), out.n_at.clone());
            self.conj(oa, na, o_at, n_at, mask, &mut trial);
            for choice in &na.choices {
                for k in (0..choice.len).filter(|k| *k != choice.chosen) {
                    let sibling = format!("{}/{k}", choice.ptr);
                    if !self.disjoint(oa, &sibling, mask) {
                        trial.push(
                            oa.origin(o_at),
                            sibling,
                            ChangeKind::OneOfOverlap,
                            Class::Breaking,
                            format!(
                                "a value the old schema allows may match this `oneOf` branch as \
                                 well as branch {}, and `oneOf` then rejects it",
                                choice.chosen
                            ),
                        );
                        break;
                    }
                }
            }
            let breaking = trial.breaking();
            if best.as_ref().is_none_or(|(_, b)| breaking < b.breaking()) {
                best = Some((j, trial));
            }
            if breaking == 0 {
                break;
            }
        }
        best
    }

    /// Compares two alternatives (memoized; a pair under comparison counts as compatible).
    /// `mask`: the types of the old alternative compared (the others are compared against
    /// another new alternative).
    pub fn conj(
        &mut self,
        o: &Conj<'a>,
        n: &Conj<'a>,
        o_at: &str,
        n_at: &str,
        mask: TypeSet,
        out: &mut Out,
    ) {
        if !self.budget.tick() {
            self.over_budget(o_at, n_at, out);
            return;
        }
        let key = (o.key(), n.key(), o_at.to_string(), n_at.to_string(), mask);
        if self.active.contains(&key) {
            return;
        }
        if let Some(done) = self.memo.get(&key) {
            out.changes.extend(done.iter().cloned());
            return;
        }
        self.active.insert(key.clone());
        let mut sink = Out::new(o.origin(o_at), n.origin(n_at));
        self.conj_body(o, n, mask, &mut sink);
        self.active.remove(&key);
        self.memo.insert(key, sink.changes.clone());
        out.changes.extend(sink.changes);
    }

    fn conj_body(&mut self, o: &Conj<'a>, n: &Conj<'a>, mask: TypeSet, out: &mut Out) {
        if o.unsat.is_some() {
            return;
        }
        let o_decl = self.declared_types(o, true, out);
        let n_decl = self.declared_types(n, false, out);
        let mut finite = self.finite(o);
        if let Some((values, _)) = &mut finite {
            values.retain(|v| mask.contains(TypeSet::of_value(v)));
        }
        let mut o_types = o_decl.intersect(mask);
        if let Some((values, _)) = &finite {
            o_types = o_types.intersect(
                values
                    .iter()
                    .fold(TypeSet::EMPTY, |t, v| t.union(TypeSet::of_value(v))),
            );
        }
        if o_types.is_empty() {
            return; // the old alternative allows nothing
        }
        if let Some(at) = &n.unsat {
            out.push(
                out.o_at.clone(),
                at.clone(),
                ChangeKind::ConstraintAdded,
                Class::Breaking,
                "the new schema is `false` here: it accepts nothing".to_string(),
            );
            return;
        }
        self.opaque(o, n, out);
        self.types(o, n, o_decl, o_types, n_decl, out);
        self.family(o_types.meets(TypeSet::NUMBER), "numbers", out, |d, s| {
            d.numbers(o, n, o_types, s)
        });
        self.family(o_types.meets(TypeSet::STRING), "strings", out, |d, s| {
            d.strings(o, n, s)
        });
        self.family(o_types.meets(TypeSet::ARRAY), "arrays", out, |d, s| {
            d.arrays(o, n, s)
        });
        // The contract's "adding an optional property is never breaking" is about object
        // models: the old schema declared `properties`, or the new one is typed `object`.
        // A property constraint put on a schema that was neither constrains keys that any
        // old object could carry, and is compared like any other constraint.
        let object_model = o.all("properties").next().is_some()
            || (n_decl.meets(TypeSet::OBJECT)
                && TypeSet::OBJECT.union(TypeSet::NULL).contains(n_decl))
            || finite.is_some();
        self.family(o_types.meets(TypeSet::OBJECT), "objects", out, |d, s| {
            d.objects(o, n, object_model, s)
        });
        self.enums(o, n, finite.as_ref().map(|(v, _)| v.as_slice()), out);
        self.logic(o, n, out);
        self.meta(o, n, out);
        if let Some((values, _)) = &finite {
            self.settle_finite(n, values, out);
        }
    }

    /// Runs a keyword family; when it applies to no type the old side allows, whatever it
    /// reports cannot break a document.
    fn family(
        &mut self,
        applies: bool,
        what: &str,
        out: &mut Out,
        run: impl FnOnce(&mut Self, &mut Out),
    ) {
        if applies {
            run(self, out);
            return;
        }
        let mut scratch = Out::new(out.o_at.clone(), out.n_at.clone());
        run(self, &mut scratch);
        for mut c in scratch.changes {
            if c.class == Class::Breaking {
                c.class = Class::NonBreaking;
                c.reason
                    .push_str(&format!("; no effect: the old schema allows no {what}"));
            }
            out.changes.push(c);
        }
    }

    /// The intersection of the `type` keywords of the parts (all types when none).
    fn declared_types(&mut self, conj: &Conj<'a>, old: bool, out: &mut Out) -> TypeSet {
        let mut types = TypeSet::ALL;
        for (ptr, v) in conj.all("type") {
            match TypeSet::of_keyword(v) {
                Some(t) => types = types.intersect(t),
                None if !old => out.push(
                    out.o_at.clone(),
                    kw(ptr, "type"),
                    ChangeKind::Unknown,
                    Class::Breaking,
                    format!("unknown change: `type` {v} is not a type name or a list of them"),
                ),
                None => {}
            }
        }
        types
    }

    /// The values a finite old alternative allows, each checked against the whole
    /// alternative.
    fn finite(&mut self, o: &Conj<'a>) -> Option<(Vec<Value>, bool)> {
        let (values, from_const) = finite_candidates(o)?;
        let mut checker = self.old_checker.borrow_mut();
        let kept = values
            .into_iter()
            .filter(|v| checker.conj_accepts(o, v) != Some(false))
            .collect();
        Some((kept, from_const))
    }

    /// With a finite old side, the validator decides: every old value still valid makes
    /// the non-policy changes harmless; a rejected value is breaking.
    fn settle_finite(&mut self, n: &Conj<'a>, values: &[Value], out: &mut Out) {
        let mut rejected = Vec::new();
        {
            let mut checker = self.new_checker.borrow_mut();
            for v in values {
                match checker.conj_accepts(n, v) {
                    Some(true) => {}
                    Some(false) => rejected.push(v),
                    None => return,
                }
            }
        }
        if rejected.is_empty() {
            for c in &mut out.changes {
                if c.class == Class::Breaking && !POLICY.contains(&c.kind) {
                    c.class = Class::NonBreaking;
                    c.reason
                        .push_str("; every value the old schema allows still passes");
                }
            }
        } else if out.breaking() == 0 {
            let shown: Vec<String> = rejected.iter().take(3).map(|v| v.to_string()).collect();
            out.push(
                out.o_at.clone(),
                out.n_at.clone(),
                ChangeKind::EnumValueRemoved,
                Class::Breaking,
                format!(
                    "{} allowed by the old schema {} rejected by the new one",
                    shown.join(", "),
                    if rejected.len() == 1 { "is" } else { "are" }
                ),
            );
        }
    }

    fn types(
        &mut self,
        o: &Conj<'a>,
        n: &Conj<'a>,
        o_decl: TypeSet,
        o_types: TypeSet,
        n_decl: TypeSet,
        out: &mut Out,
    ) {
        let o_at = o.first("type").map_or_else(|| out.o_at.clone(), |(p, _)| p);
        let n_at = n.first("type").map_or_else(|| out.n_at.clone(), |(p, _)| p);
        if n_decl.contains(o_types) {
            if o_decl != n_decl {
                let (kind, note) = if n_decl.contains(o_decl) {
                    (ChangeKind::TypeWidened, "")
                } else {
                    (
                        ChangeKind::TypeNarrowed,
                        "; every value the old schema allows still has one of these types",
                    )
                };
                out.push(
                    o_at,
                    n_at,
                    kind,
                    Class::NonBreaking,
                    format!(
                        "type was {}, now {}{note}",
                        o_decl.describe(),
                        n_decl.describe()
                    ),
                );
            }
            return;
        }
        let kind = if o_decl.contains(n_decl) {
            ChangeKind::TypeNarrowed
        } else {
            ChangeKind::TypeChanged
        };
        out.push(
            o_at,
            n_at,
            kind,
            Class::Breaking,
            format!(
                "type was {}, now {}: {} values are rejected",
                o_decl.describe(),
                n_decl.describe(),
                o_types.minus(n_decl).describe()
            ),
        );
    }

    /// Parts the diff cannot look into match only the same thing on the other side.
    fn opaque(&mut self, o: &Conj<'a>, n: &Conj<'a>, out: &mut Out) {
        // A budget that ran out is unknown on both sides: never "the same".
        let same = |x: &super::flat::Opaque, y: &super::flat::Opaque| {
            x.key == y.key && !x.key.starts_with("budget ")
        };
        for x in &n.opaque {
            if !o.opaque.iter().any(|y| same(x, y)) {
                out.push(
                    out.o_at.clone(),
                    x.ptr.clone(),
                    ChangeKind::Unknown,
                    Class::Breaking,
                    format!("unknown change: {}", x.why),
                );
            }
        }
        for x in &o.opaque {
            if !n.opaque.iter().any(|y| same(x, y)) {
                out.push(
                    x.ptr.clone(),
                    out.n_at.clone(),
                    ChangeKind::Unknown,
                    Class::Breaking,
                    format!("unknown change: {}", x.why),
                );
            }
        }
    }
}
