//! "Did you mean ...?" for names a user mistyped: config keys, enum values, rule selectors.

/// The candidate closest to `word`, when one is close enough to be the likely intent.
///
/// Closeness is the Jaro-Winkler similarity of the lowercased strings (the measure cargo and
/// clap use for the same purpose), at least 0.8; ties go to the earlier candidate. A
/// candidate equal to `word` is not a suggestion.
///
/// ```
/// use ops_model::suggest::did_you_mean;
/// assert_eq!(did_you_mean("domainz", ["domains", "reserved_dirs"]), Some("domains"));
/// assert_eq!(did_you_mean("xyz", ["domains"]), None);
/// ```
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let lower = candidate.to_lowercase();
        if candidate == word {
            continue;
        }
        let score = strsim::jaro_winkler(&word, &lower);
        if score >= 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `; did you mean `x`?` for `word` among `candidates`, or nothing.
pub fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested() {
        assert_eq!(
            did_you_mean("warnning", ["error", "warning", "info"]),
            Some("warning")
        );
        assert_eq!(
            did_you_mean("lay04", ["LAY004", "LAY001", "ART004"]),
            Some("LAY004")
        );
        assert_eq!(
            did_you_mean("schemas_dirs", ["schemas_dir", "meta_dir"]),
            Some("schemas_dir")
        );
        assert_eq!(did_you_mean("qqq", ["error", "warning"]), None);
        assert_eq!(did_you_mean("error", ["error"]), None);
        assert_eq!(hint("domainz", ["domains"]), "; did you mean `domains`?");
        assert_eq!(hint("zzz", ["domains"]), "");
    }
}
