//! Matching alternatives: each old alternative is compared with the new alternative that
//! accepts it (the first without a breaking change, else the one with the fewest), split by
//! type family when no single new alternative accepts it whole. A `oneOf` alternative also
//! needs the old values to match none of its siblings (JSON Schema 2020-12 Core 10.2.1.3).

use std::collections::BTreeSet;

use serde_json::Value;

use super::change::{ChangeKind, Class};
use super::compare::{Differ, FAMILIES, Out};
use super::flat::{Conj, expand};
use super::types::TypeSet;

impl<'a> Differ<'_, 'a> {
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
    pub(super) fn identical(&self, o: &str, n: &str) -> bool {
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

    pub(super) fn over_budget(&self, o_at: &str, n_at: &str, out: &mut Out) {
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
}
