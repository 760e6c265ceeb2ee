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

use super::budget::Budget;
use super::change::{Change, ChangeKind, Class};
use super::doc::Doc;
use super::flat::Conj;
use super::types::TypeSet;
use super::values::Checker;
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
pub(super) const POLICY: &[ChangeKind] = &[
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
pub(super) const FAMILIES: [TypeSet; 6] = [
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
}
