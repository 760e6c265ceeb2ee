//! Glob lists from the config, parsed when the config is read and compiled on first use.

use std::sync::OnceLock;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// A list of globs (`ops/**/*.sh`, `*fault*inject*`), checked when built and compiled into
/// one [`GlobSet`] the first time it is matched.
///
/// `*` does not cross `/` (like git and most shells); `**` does. A glob without a `/` is
/// matched against file names only when built with [`GlobList::names`].
///
/// Compiling is the costly part (a regular expression per list): a contract holds some forty
/// lists, defaults included that the config then replaces, and compiling them all when the
/// config was read took 58 M instructions, more than a quarter of checking the fixture
/// (`valgrind --tool=callgrind`). Parsing each glob up front keeps every syntax error a
/// config error.
#[derive(Clone, Debug)]
pub struct GlobList {
    globs: Vec<Glob>,
    set: OnceLock<GlobSet>,
    patterns: Vec<String>,
}

impl GlobList {
    /// Globs matched against repo-relative paths.
    ///
    /// # Errors
    /// The first pattern that is not a glob, named in the message.
    pub fn paths(patterns: &[String]) -> Result<GlobList, String> {
        Self::build(patterns, true)
    }

    /// Globs matched against a single file name (`*.schema.json`), `*` may match anything.
    ///
    /// # Errors
    /// The first pattern that is not a glob, named in the message.
    pub fn names(patterns: &[String]) -> Result<GlobList, String> {
        Self::build(patterns, false)
    }

    fn build(patterns: &[String], literal_separator: bool) -> Result<GlobList, String> {
        let globs = patterns
            .iter()
            .map(|p| {
                GlobBuilder::new(p)
                    .literal_separator(literal_separator)
                    .build()
                    .map_err(|e| format!("invalid glob `{p}`: {e}"))
            })
            .collect::<Result<Vec<Glob>, String>>()?;
        Ok(GlobList {
            globs,
            set: OnceLock::new(),
            patterns: patterns.to_vec(),
        })
    }

    /// An empty list that matches nothing.
    pub fn empty() -> GlobList {
        GlobList {
            globs: Vec::new(),
            set: OnceLock::new(),
            patterns: Vec::new(),
        }
    }

    /// The compiled set, compiled by the first caller. Globs that parsed compile unless
    /// their regular expression is over the regex crate's size limit (a list of thousands
    /// of alternations); such a list matches nothing, with a warning in the log.
    fn set(&self) -> &GlobSet {
        self.set.get_or_init(|| {
            let mut builder = GlobSetBuilder::new();
            for g in &self.globs {
                builder.add(g.clone());
            }
            builder.build().unwrap_or_else(|e| {
                tracing::warn!(patterns = ?self.patterns, "glob list not compiled: {e}");
                GlobSet::empty()
            })
        })
    }

    /// Whether `text` matches any pattern.
    pub fn is_match(&self, text: &str) -> bool {
        !self.globs.is_empty() && self.set().is_match(text)
    }

    /// The first pattern that matches `text`, for messages.
    pub fn first_match(&self, text: &str) -> Option<&str> {
        // Most texts match nothing: `is_match` stops at the first match and allocates
        // nothing, `matches` collects every index into a new vector.
        if !self.is_match(text) {
            return None;
        }
        self.set()
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

    #[test]
    fn compiles_on_first_match_and_a_clone_compiles_its_own() {
        let g = GlobList::names(&s(&["*.schema.json", "test_*"])).unwrap();
        assert!(g.set.get().is_none(), "built lists are not compiled yet");
        let before = g.clone();
        assert_eq!(g.first_match("a.schema.json"), Some("*.schema.json"));
        assert!(g.set.get().is_some());
        assert!(g.is_match("test_x.sh") && !g.is_match("x_test"));
        // A clone made before the first match compiles on its own.
        assert!(before.is_match("test_y") && !before.is_match("y"));
    }
}
