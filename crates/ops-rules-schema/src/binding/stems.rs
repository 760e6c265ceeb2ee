//! [`StemIndex`]: the schemas of each directory by the lower-case stem of their file name,
//! for the inferred binding ([`ManifestScope::inferred`](super::ManifestScope::inferred)).

use std::collections::HashMap;

/// A schema file's name without `.schema.json` / `.json`.
pub(crate) fn schema_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".schema.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(name)
}

/// Directory -> (stem in ASCII lower case, path) of the schemas directly in it, sorted, so
/// that the schemas whose stem starts with a prefix are one range.
///
/// The inferred binding asks, for every manifest that claims no schema, which schemas of
/// its domain's folder start with the manifest's stem; comparing every schema of the
/// folder with every manifest cost 22,000 M instructions for 3,000 of each (a lower-case
/// copy of each stem, each time).
#[derive(Debug, Default)]
pub struct StemIndex {
    by_dir: HashMap<String, Vec<(String, String)>>,
}

impl StemIndex {
    /// The index of the schemas at `paths` (repository paths), by the directory that
    /// directly holds each; a path without a directory is in none.
    pub(crate) fn new<'p>(paths: impl IntoIterator<Item = &'p str>) -> Self {
        let mut by_dir: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for p in paths {
            if let Some((dir, _)) = p.rsplit_once('/') {
                by_dir
                    .entry(dir.to_string())
                    .or_default()
                    .push((schema_stem(p).to_ascii_lowercase(), p.to_string()));
            }
        }
        for stems in by_dir.values_mut() {
            stems.sort();
        }
        StemIndex { by_dir }
    }

    /// Up to `limit` paths of the schemas directly in `dir` whose lower-case stem starts
    /// with `prefix`, in stem order.
    pub(crate) fn with_prefix(&self, dir: &str, prefix: &str, limit: usize) -> Vec<&str> {
        let Some(stems) = self.by_dir.get(dir) else {
            return Vec::new();
        };
        let from = stems.partition_point(|(s, _)| s.as_str() < prefix);
        stems[from..]
            .iter()
            .take_while(|(s, _)| s.starts_with(prefix))
            .take(limit)
            .map(|(_, p)| p.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_ranges_by_lower_case_stem() {
        let index = StemIndex::new([
            "s/Suite.v1.schema.json",
            "s/suites-extra.json",
            "s/sui.json",
            "s/other.v1.schema.json",
            "s/suit",
            "s/t/suite.json",
            "suite.json",
        ]);
        assert_eq!(
            index.with_prefix("s", "suite", 5),
            ["s/Suite.v1.schema.json", "s/suites-extra.json"]
        );
        assert_eq!(
            index.with_prefix("s", "suite", 1),
            ["s/Suite.v1.schema.json"]
        );
        assert_eq!(index.with_prefix("s", "sui", 5).len(), 4);
        assert!(index.with_prefix("s", "zzz", 5).is_empty());
        assert!(index.with_prefix("t", "suite", 5).is_empty());
        assert_eq!(index.with_prefix("s", "", 9).len(), 5);
    }
}
