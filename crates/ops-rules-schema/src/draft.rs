//! JSON Schema drafts: which one a document declares, and which `$schema` values name one.

use jsonschema::Draft;

/// The meta-schemas ops-check knows, as `(host-less path, draft)`. They ship inside the
/// `jsonschema` crate, so nothing is ever fetched for them.
const META_SCHEMAS: &[(&str, Draft)] = &[
    ("json-schema.org/draft-04/schema", Draft::Draft4),
    ("json-schema.org/draft-06/schema", Draft::Draft6),
    ("json-schema.org/draft-07/schema", Draft::Draft7),
    ("json-schema.org/draft/2019-09/schema", Draft::Draft201909),
    ("json-schema.org/draft/2020-12/schema", Draft::Draft202012),
];

/// The draft a `$schema` value names, if it names a known one.
pub fn draft_of_meta(uri: &str) -> Option<Draft> {
    let bare = uri
        .trim()
        .trim_end_matches('#')
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    META_SCHEMAS
        .iter()
        .find(|(known, _)| *known == bare)
        .map(|(_, draft)| *draft)
}

/// The draft named in the config (`4`, `draft-07`, `2020-12`, ...).
pub fn draft_of_config(name: &str) -> Option<Draft> {
    let name = name
        .trim()
        .trim_start_matches("draft")
        .trim_start_matches(['-', '_']);
    Some(match name.trim_start_matches('0') {
        "4" => Draft::Draft4,
        "6" => Draft::Draft6,
        "7" => Draft::Draft7,
        "2019-09" => Draft::Draft201909,
        "2020-12" => Draft::Draft202012,
        _ => return None,
    })
}

/// A short human name (`2020-12`, `draft-07`).
pub fn draft_name(draft: Draft) -> &'static str {
    match draft {
        Draft::Draft4 => "draft-04",
        Draft::Draft6 => "draft-06",
        Draft::Draft7 => "draft-07",
        Draft::Draft201909 => "2019-09",
        _ => "2020-12",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_drafts() {
        assert_eq!(
            draft_of_meta("http://json-schema.org/draft-07/schema#"),
            Some(Draft::Draft7)
        );
        assert_eq!(
            draft_of_meta("https://json-schema.org/draft/2020-12/schema"),
            Some(Draft::Draft202012)
        );
        assert_eq!(
            draft_of_meta("https://json-schema.org/draft/2031-01/schema"),
            None
        );
        assert_eq!(draft_of_config("2019-09"), Some(Draft::Draft201909));
        assert_eq!(draft_of_config("draft-07"), Some(Draft::Draft7));
        assert_eq!(draft_of_config("4"), Some(Draft::Draft4));
        assert_eq!(draft_of_config("2021"), None);
    }
}
