//! Rule selectors: a code (`ART002`), a slug (`evidence-location`) or a group prefix (`ART`).

use crate::RuleMeta;

/// A parsed selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector(String);

impl Selector {
    /// A selector as written (trimmed).
    pub fn new(text: &str) -> Selector {
        Selector(text.trim().to_string())
    }

    /// The selector as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Does this selector pick `meta`? Codes and group prefixes are case-insensitive.
    pub fn matches(&self, meta: &RuleMeta) -> bool {
        let s = self.0.as_str();
        s == meta.slug
            || s.eq_ignore_ascii_case(meta.code)
            || (!s.is_empty()
                && s.chars().all(|c| c.is_ascii_alphanumeric())
                && meta.code.len() > s.len()
                && meta.code[..s.len()].eq_ignore_ascii_case(s))
    }

    /// Does this selector pick any of `rules`? (An unknown selector is a usage error.)
    pub fn matches_any(&self, rules: &[&RuleMeta]) -> bool {
        rules.iter().any(|m| self.matches(m))
    }
}

/// Which rules run: those picked by `select` (all when empty) and not by `ignore`.
pub fn is_selected(meta: &RuleMeta, select: &[Selector], ignore: &[Selector]) -> bool {
    (select.is_empty() || select.iter().any(|s| s.matches(meta)))
        && !ignore.iter().any(|s| s.matches(meta))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    const META: RuleMeta = RuleMeta {
        code: "ART002",
        slug: "runtime-artifact-location",
        clause: "",
        severity: Severity::Error,
        summary: "",
        explanation: "",
        budgets: &[],
    };

    #[test]
    fn matches_code_slug_and_prefix() {
        for s in [
            "ART002",
            "art002",
            "runtime-artifact-location",
            "ART",
            "ART00",
        ] {
            assert!(Selector::new(s).matches(&META), "{s}");
        }
        for s in ["ART001", "LAY", "artifact", "", "ART0021"] {
            assert!(!Selector::new(s).matches(&META), "{s}");
        }
    }

    #[test]
    fn ignore_wins_over_select() {
        let sel = [Selector::new("ART")];
        assert!(is_selected(&META, &sel, &[]));
        assert!(!is_selected(&META, &sel, &[Selector::new("ART002")]));
        assert!(is_selected(&META, &[], &[]));
    }
}
