//! String keywords (2020-12 Validation 6.3, 7, 8): `minLength`, `maxLength`, `pattern`,
//! `format`, `contentEncoding`, `contentMediaType`, `contentSchema`; and the count bounds
//! every family shares (`minItems`, `maxProperties`, ...).
//!
//! `pattern` and `format` are compared as text: by the contract's policy a changed or new
//! one is breaking, a removed one is not.

use serde_json::Value;

use super::change::{ChangeKind, Class};
use super::compare::{Differ, Out, kw};
use super::flat::Conj;

/// The tightest count bound of one keyword over the parts: the largest minimum or the
/// smallest maximum, with its pointer.
pub fn count(conj: &Conj<'_>, keyword: &str, is_min: bool) -> Option<(String, u64)> {
    let mut best: Option<(String, u64)> = None;
    for (ptr, v) in conj.all(keyword) {
        let Some(x) = v.as_u64().or_else(|| {
            v.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                .map(|f| f as u64)
        }) else {
            continue;
        };
        let better = best
            .as_ref()
            .is_none_or(|(_, b)| if is_min { x > *b } else { x < *b });
        if better {
            best = Some((kw(ptr, keyword), x));
        }
    }
    best
}

/// String values of a keyword over the parts, with their pointers.
fn texts(conj: &Conj<'_>, keyword: &str) -> Vec<(String, String)> {
    conj.all(keyword)
        .filter_map(|(p, v)| Some((kw(p, keyword), v.as_str()?.to_string())))
        .collect()
}

impl Differ<'_, '_> {
    /// Compares a minimum and a maximum count keyword (`minLength`/`maxLength`, ...).
    pub(super) fn counts(
        &mut self,
        o: &Conj<'_>,
        n: &Conj<'_>,
        min_kw: &str,
        max_kw: &str,
        out: &mut Out,
    ) {
        for (keyword, is_min) in [(min_kw, true), (max_kw, false)] {
            let ob = count(o, keyword, is_min).filter(|(_, v)| !is_min || *v > 0);
            let nb = count(n, keyword, is_min).filter(|(_, v)| !is_min || *v > 0);
            let (o_at, n_at) = (
                ob.as_ref()
                    .map_or_else(|| out.o_at.clone(), |(p, _)| p.clone()),
                nb.as_ref()
                    .map_or_else(|| out.n_at.clone(), |(p, _)| p.clone()),
            );
            let (class, reason) = match (ob, nb) {
                (None, None) => continue,
                (None, Some((_, b))) => (Class::Breaking, format!("`{keyword}` {b} appeared")),
                (Some((_, a)), None) => {
                    (Class::NonBreaking, format!("`{keyword}` {a} was removed"))
                }
                (Some((_, a)), Some((_, b))) if a == b => continue,
                (Some((_, a)), Some((_, b))) => {
                    let tighter = if is_min { b > a } else { b < a };
                    let class = if tighter {
                        Class::Breaking
                    } else {
                        Class::NonBreaking
                    };
                    (class, format!("`{keyword}` went from {a} to {b}"))
                }
            };
            let kind = if class == Class::Breaking {
                ChangeKind::BoundTightened
            } else {
                ChangeKind::BoundLoosened
            };
            out.push(o_at, n_at, kind, class, reason);
        }
    }

    pub(super) fn strings(&mut self, o: &Conj<'_>, n: &Conj<'_>, out: &mut Out) {
        self.counts(o, n, "minLength", "maxLength", out);
        let kinds = [
            (
                "pattern",
                ChangeKind::PatternAdded,
                ChangeKind::PatternChanged,
                ChangeKind::PatternRemoved,
            ),
            (
                "format",
                ChangeKind::FormatAdded,
                ChangeKind::FormatChanged,
                ChangeKind::FormatRemoved,
            ),
            (
                "contentEncoding",
                ChangeKind::ConstraintAdded,
                ChangeKind::ConstraintAdded,
                ChangeKind::ConstraintRemoved,
            ),
            (
                "contentMediaType",
                ChangeKind::ConstraintAdded,
                ChangeKind::ConstraintAdded,
                ChangeKind::ConstraintRemoved,
            ),
        ];
        for (keyword, added, changed, removed) in kinds {
            let olds = texts(o, keyword);
            let news = texts(n, keyword);
            for (at, text) in &news {
                if olds.iter().any(|(_, t)| t == text) {
                    continue;
                }
                let (kind, reason) = match olds.first() {
                    None => (added, format!("`{keyword}` `{text}` appeared")),
                    Some((_, was)) => (
                        changed,
                        format!("`{keyword}` changed from `{was}` to `{text}`"),
                    ),
                };
                let o_at = olds
                    .first()
                    .map_or_else(|| out.o_at.clone(), |(p, _)| p.clone());
                out.push(o_at, at.clone(), kind, Class::Breaking, reason);
            }
            if news.is_empty() {
                for (at, text) in &olds {
                    out.push(
                        at.clone(),
                        out.n_at.clone(),
                        removed,
                        Class::NonBreaking,
                        format!("`{keyword}` `{text}` was removed"),
                    );
                }
            }
        }
        // contentSchema is an annotation in 2019-09 and later; compared as text.
        let olds: Vec<&Value> = o.all("contentSchema").map(|(_, v)| v).collect();
        let news: Vec<&Value> = n.all("contentSchema").map(|(_, v)| v).collect();
        if olds != news {
            let n_at = n
                .first("contentSchema")
                .map_or_else(|| out.n_at.clone(), |(p, _)| p);
            out.push(
                out.o_at.clone(),
                n_at,
                ChangeKind::AnnotationChanged,
                Class::NonBreaking,
                "`contentSchema` changed".to_string(),
            );
        }
    }
}
