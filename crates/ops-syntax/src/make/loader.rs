//! How the make reader sees files: through a [`Loader`] the caller provides, never the file
//! system. Paths are repository-relative, `/`-separated and normalised lexically.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use globset::{GlobBuilder, GlobMatcher};

use super::ROOT_MARK;

/// What [`Loader::load`] found at a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loaded<'a> {
    /// The file's text.
    Text(Cow<'a, str>),
    /// No file there.
    Missing,
    /// Something is there but its text cannot be had (not UTF-8, too large, a symlink the
    /// caller does not follow, permissions): the reason, for the diagnostic.
    Unreadable(String),
}

/// The files a read may see. Implemented by the caller (over the repository index and file
/// cache in ops-check, over a map in tests: [`MemoryLoader`]).
pub trait Loader {
    /// The file at `path`: repository-relative, normalised (no `.`, `..`, empty or leading
    /// `/` components).
    fn load(&self, path: &str) -> Loaded<'_>;

    /// The existing files and directories matching `pattern`, sorted: a repository-relative
    /// path whose components may hold the shell glob characters `*`, `?` and `[...]`, which
    /// never match `/` (GNU make manual 4.4 "Using Wildcard Characters in File Names"). A
    /// pattern without glob characters gives itself when it exists.
    fn glob(&self, pattern: &str) -> Vec<String>;
}

/// A [`Loader`] over files held in memory: for tests and for callers with text in hand.
/// Directories are the parents of the files.
#[derive(Clone, Debug, Default)]
pub struct MemoryLoader {
    files: BTreeMap<String, Option<String>>,
}

impl MemoryLoader {
    /// An empty tree.
    pub fn new() -> MemoryLoader {
        MemoryLoader::default()
    }

    /// Adds (or replaces) the file at `path` with `text`.
    pub fn file(mut self, path: &str, text: &str) -> MemoryLoader {
        self.files.insert(path.to_string(), Some(text.to_string()));
        self
    }

    /// Adds a file that exists but cannot be read.
    pub fn unreadable(mut self, path: &str) -> MemoryLoader {
        self.files.insert(path.to_string(), None);
        self
    }

    fn entries(&self) -> BTreeSet<&str> {
        let mut all = BTreeSet::new();
        for path in self.files.keys() {
            all.insert(path.as_str());
            let mut rest = path.as_str();
            while let Some(i) = rest.rfind('/') {
                rest = &rest[..i];
                all.insert(rest);
            }
        }
        all
    }
}

impl Loader for MemoryLoader {
    fn load(&self, path: &str) -> Loaded<'_> {
        match self.files.get(path) {
            Some(Some(text)) => Loaded::Text(Cow::Borrowed(text)),
            Some(None) => Loaded::Unreadable("cannot be read".to_string()),
            None => Loaded::Missing,
        }
    }

    fn glob(&self, pattern: &str) -> Vec<String> {
        let entries = self.entries();
        if !has_glob(pattern) {
            return entries
                .contains(pattern)
                .then(|| pattern.to_string())
                .into_iter()
                .collect();
        }
        match glob_matcher(pattern) {
            Some(m) => entries
                .into_iter()
                .filter(|e| m.is_match(e))
                .map(str::to_string)
                .collect(),
            None => Vec::new(),
        }
    }
}

/// A matcher for a make glob: `*`, `?` and `[...]` never match `/`. `None` for a pattern
/// globset cannot compile (an unclosed `[`): it matches nothing, as in make.
pub fn glob_matcher(pattern: &str) -> Option<GlobMatcher> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .ok()
        .map(|g| g.compile_matcher())
}

/// True when `word` holds a glob character.
pub(crate) fn has_glob(word: &str) -> bool {
    word.contains(['*', '?', '['])
}

/// Why a path cannot be resolved to a repository file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// An absolute path outside the repository (`/usr/include/x.mk`).
    Absolute,
    /// A `..` that leaves the repository root.
    LeavesRoot,
}

/// Resolves `path` as make does relative to its working directory `base` (repository
/// relative), lexically: `.` and empty components dropped, `..` pops one (GNU make manual
/// 8.3 `abspath`). A path starting with the root mark is relative to the repository root.
pub(crate) fn resolve(base: &str, path: &str) -> Result<String, Refused> {
    let (start, rest) = match path.strip_prefix(ROOT_MARK) {
        Some(rest) => ("", rest),
        None if path.starts_with('/') => return Err(Refused::Absolute),
        None => (base, path),
    };
    let mut parts: Vec<&str> = start.split('/').filter(|c| !c.is_empty()).collect();
    for component in rest.split('/') {
        match component {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(Refused::LeavesRoot);
                }
            }
            c => parts.push(c),
        }
    }
    Ok(parts.join("/"))
}

/// `path` as make names it from `base`: relative to `base` when below it, else as given.
pub(crate) fn relative_to<'p>(base: &str, path: &'p str) -> Cow<'p, str> {
    if base.is_empty() {
        return Cow::Borrowed(path);
    }
    match path.strip_prefix(base).and_then(|r| r.strip_prefix('/')) {
        Some(rest) => Cow::Borrowed(rest),
        None => Cow::Owned(format!("{ROOT_MARK}/{path}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_is_lexical_and_stays_inside() {
        assert_eq!(resolve("", "a/./b/../c.mk"), Ok("a/c.mk".to_string()));
        assert_eq!(resolve("sub", "../x.mk"), Ok("x.mk".to_string()));
        assert_eq!(resolve("sub", "../../x.mk"), Err(Refused::LeavesRoot));
        assert_eq!(resolve("", "/etc/x.mk"), Err(Refused::Absolute));
        assert_eq!(
            resolve("sub", &format!("{ROOT_MARK}/m/x.mk")),
            Ok("m/x.mk".to_string())
        );
    }

    #[test]
    fn memory_globs_do_not_cross_slashes() {
        let l = MemoryLoader::new()
            .file("mk/a.mk", "")
            .file("mk/b.mk", "")
            .file("mk/sub/c.mk", "")
            .unreadable("mk/bad.mk");
        assert_eq!(l.glob("mk/*.mk"), ["mk/a.mk", "mk/b.mk", "mk/bad.mk"]);
        assert_eq!(l.glob("mk/sub"), ["mk/sub"]);
        assert_eq!(l.glob("mk/[ab].mk"), ["mk/a.mk", "mk/b.mk"]);
        assert!(l.glob("mk/[").is_empty());
        assert_eq!(l.load("mk/none.mk"), Loaded::Missing);
        assert!(matches!(l.load("mk/bad.mk"), Loaded::Unreadable(_)));
    }
}
