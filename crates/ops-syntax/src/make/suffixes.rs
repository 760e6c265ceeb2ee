//! make's default suffixes (GNU make manual 10.7) and the `$*` they give an explicit rule.

/// Suffixes make knows by default (GNU make manual 10.7): `$*` of an explicit rule is the
/// target without one of them.
pub(super) const SUFFIXES: &[&str] = &[
    ".out", ".a", ".ln", ".o", ".c", ".cc", ".C", ".cpp", ".p", ".f", ".F", ".m", ".r", ".y", ".l",
    ".ym", ".lm", ".s", ".S", ".mod", ".sym", ".def", ".h", ".info", ".dvi", ".tex", ".texinfo",
    ".texi", ".txinfo", ".w", ".ch", ".web", ".sh", ".elc", ".el",
];

/// `$*` of an explicit rule: the target without a known suffix (GNU make manual 10.5.3),
/// empty when it has none. Every suffix is a `.` and letters, so only the text from the
/// target's last `.` can be one: one lookup, where trying each suffix cost 35 comparisons
/// a target.
pub(super) fn suffix_stem(target: &str) -> &str {
    target
        .rfind('.')
        .filter(|&dot| SUFFIXES.contains(&&target[dot..]))
        .map_or("", |dot| &target[..dot])
}

#[cfg(test)]
mod tests {
    use super::{SUFFIXES, suffix_stem};

    #[test]
    fn every_suffix_is_a_dot_and_letters() {
        assert!(
            SUFFIXES
                .iter()
                .all(|s| s.starts_with('.') && s[1..].chars().all(|c| c.is_ascii_alphabetic()))
        );
    }

    proptest::proptest! {
        /// The stem is the one trying every suffix in turn gives.
        #[test]
        fn suffix_stem_is_that_of_trying_each_suffix(target in "[a.ochtexinf/é]{0,10}") {
            let want = SUFFIXES
                .iter()
                .find_map(|s| target.strip_suffix(s))
                .unwrap_or("");
            proptest::prop_assert_eq!(suffix_stem(&target), want);
        }
    }
}
