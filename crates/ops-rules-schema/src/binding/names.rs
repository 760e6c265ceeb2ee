//! Path and URI tests binding and the schema registry share: which files are manifests or
//! schemas, whether a path lies below a directory, whether a URI names a meta-schema.

use ops_model::RepoPath;

/// Whether `path` lies strictly below directory `dir`.
pub fn under(path: &RepoPath, dir: &str) -> bool {
    let dir = dir.trim_matches('/');
    dir.is_empty()
        || path
            .as_str()
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// `.json`, `.yaml`, `.yml`.
pub fn is_manifest_name(path: &RepoPath) -> bool {
    matches!(path.extension(), Some("json" | "yaml" | "yml"))
}

/// `.yaml`, `.yml`.
pub fn is_yaml(path: &RepoPath) -> bool {
    matches!(path.extension(), Some("yaml" | "yml"))
}

/// Whether a `$schema` value names a JSON Schema meta-schema (of any draft, known or not):
/// such a document is a schema, not a manifest.
pub fn is_meta_schema_uri(uri: &str) -> bool {
    let bare = uri
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    bare.starts_with("json-schema.org/")
}

/// Whether a file under the schemas directory is a schema document (lock files are not).
pub fn is_schema_file(path: &RepoPath) -> bool {
    let name = path.file_name();
    name.ends_with(".json") && !name.ends_with(".lock.json")
}

/// Whether a URI reference starts with a scheme (`https:`, `urn:`, `file:`).
pub fn has_scheme(text: &str) -> bool {
    match text.find(':') {
        Some(i) => {
            let scheme = &text[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !text[..i].contains('/')
        }
        None => false,
    }
}
