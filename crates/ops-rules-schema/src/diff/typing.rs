//! `type` (2020-12 Validation 6.1.1), finite old schemas decided by the validator, and the
//! parts the diff cannot look into.

use serde_json::Value;

use super::change::{ChangeKind, Class};
use super::compare::{Differ, Out, POLICY, kw};
use super::flat::Conj;
use super::types::TypeSet;
use super::values::finite_candidates;

impl<'a> Differ<'_, 'a> {
    /// The intersection of the `type` keywords of the parts (all types when none).
    pub(super) fn declared_types(&mut self, conj: &Conj<'a>, old: bool, out: &mut Out) -> TypeSet {
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
    pub(super) fn finite(&mut self, o: &Conj<'a>) -> Option<(Vec<Value>, bool)> {
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
    pub(super) fn settle_finite(&mut self, n: &Conj<'a>, values: &[Value], out: &mut Out) {
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

    pub(super) fn types(
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
    pub(super) fn opaque(&mut self, o: &Conj<'a>, n: &Conj<'a>, out: &mut Out) {
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
