//! Build and tool caches that ART008 never reports (`[artifacts] runtime_ignore`).
//!
//! `node_modules/`, `target/`, `.venv/`, `__pycache__/` and the like are written by package
//! managers, compilers, editors and the OS, not by operator runs; every JavaScript, Rust or
//! Python repository has them, ignored by git. Reporting them would make ART008 fail on
//! every such checkout and bury the real strays.

use ops_model::{GlobList, RepoPath};

/// The compiled `runtime_ignore` list.
pub struct RuntimeIgnore {
    /// Patterns without `/`: matched against each component of a path.
    names: GlobList,
    /// Patterns with `/`: matched against the path and each of its ancestors.
    paths: GlobList,
}

impl RuntimeIgnore {
    pub fn parse(patterns: &[String]) -> Result<RuntimeIgnore, String> {
        // A trailing `/` (`node_modules/`, as in .gitignore) names the same thing.
        let (paths, names): (Vec<String>, Vec<String>) = patterns
            .iter()
            .map(|p| p.trim().trim_matches('/').to_string())
            .filter(|p| !p.is_empty())
            .partition(|p| p.contains('/'));
        Ok(RuntimeIgnore {
            names: GlobList::names(&names)?,
            paths: GlobList::paths(&paths)?,
        })
    }

    /// Whether `path` is, or lies below, an ignored cache.
    pub fn covers(&self, path: &RepoPath) -> bool {
        path.components().any(|c| self.names.is_match(c))
            || std::iter::successors(Some(path.clone()), RepoPath::parent)
                .take_while(|p| !p.is_root())
                .any(|p| self.paths.is_match(p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covers(patterns: &[&str], path: &str) -> bool {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        RuntimeIgnore::parse(&patterns)
            .unwrap()
            .covers(&RepoPath::new(path))
    }

    #[test]
    fn names_match_any_component_and_paths_any_ancestor() {
        assert!(covers(&["node_modules"], "node_modules/x/i.js"));
        assert!(covers(&["node_modules/"], "web/node_modules/x/i.js"));
        assert!(covers(&["*.pyc"], "ops/load/tools/__x__/a.pyc"));
        assert!(covers(&[".DS_Store"], "ops/.DS_Store"));
        assert!(!covers(&["node_modules"], "ops/load/results/a.json"));
        assert!(!covers(&["target"], "ops/load/targets.json"));
        assert!(covers(&["crates/*/target"], "crates/a/target/debug/b"));
        assert!(!covers(&["crates/*/target"], "target/debug/b"));
        assert!(!covers(&[], "target/debug/b"));
    }

    #[test]
    fn a_bad_glob_is_an_error() {
        assert!(RuntimeIgnore::parse(&["a[".to_string()]).is_err());
    }
}
