//! Glob lists from the config, compiled once.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// A compiled list of globs (`ops/**/*.sh`, `*fault*inject*`).
///
/// `*` does not cross `/` (like git and most shells); `**` does. A glob without a `/` is
/// matched against file names only when built with [`GlobList::names`].
#[derive(Clone, Debug)]
pub struct GlobList {
    set: GlobSet,
    patterns: Vec<String>,
}

impl GlobList {
    /// Globs matched against repo-relative paths.
    pub fn paths(patterns: &[String]) -> Result<GlobList, String> {
        Self::build(patterns, true)
    }

    /// Globs matched against a single file name (`*.schema.json`), `*` may match anything.
    pub fn names(patterns: &[String]) -> Result<GlobList, String> {
        Self::build(patterns, false)
    }

    fn build(patterns: &[String], literal_separator: bool) -> Result<GlobList, String> {
        let mut builder = GlobSetBuilder::new();
        for p in patterns {
            let glob = GlobBuilder::new(p)
                .literal_separator(literal_separator)
                .build()
                .map_err(|e| format!("invalid glob `{p}`: {e}"))?;
            builder.add(glob);
        }
        let set = builder
            .build()
            .map_err(|e| format!("invalid glob list: {e}"))?;
        Ok(GlobList {
            set,
            patterns: patterns.to_vec(),
        })
    }

    /// An empty list that matches nothing.
    pub fn empty() -> GlobList {
        GlobList {
            set: GlobSet::empty(),
            patterns: Vec::new(),
        }
    }

    /// Whether `text` matches any pattern.
    pub fn is_match(&self, text: &str) -> bool {
        self.set.is_match(text)
    }

    /// The first pattern that matches `text`, for messages.
    pub fn first_match(&self, text: &str) -> Option<&str> {
        // Most texts match nothing: `is_match` stops at the first match and allocates
        // nothing, `matches` collects every index into a new vector.
        if !self.set.is_match(text) {
            return None;
        }
        self.set
            .matches(text)
            .first()
            .map(|&i| self.patterns[i].as_str())
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

impl Default for GlobList {
    fn default() -> Self {
        GlobList::empty()
    }
}

/// Compiles one glob, for callers that keep patterns apart.
pub fn glob(pattern: &str) -> Result<Glob, String> {
    Glob::new(pattern).map_err(|e| format!("invalid glob `{pattern}`: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn path_globs_keep_star_inside_a_component() {
        let g = GlobList::paths(&s(&["ops/*.sh", "ops/**/*.json"])).unwrap();
        assert!(g.is_match("ops/a.sh"));
        assert!(!g.is_match("ops/k8s/a.sh"));
        assert!(g.is_match("ops/k8s/x/a.json"));
        assert_eq!(g.first_match("ops/a.sh"), Some("ops/*.sh"));
    }

    #[test]
    fn name_globs_and_errors() {
        let g = GlobList::names(&s(&["*fault*inject*"])).unwrap();
        assert!(g.is_match("chaos_fault_injector.py"));
        assert!(GlobList::paths(&s(&["a[b"])).unwrap_err().contains("a[b"));
        assert!(!GlobList::empty().is_match("x"));
    }
}
