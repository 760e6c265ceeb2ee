//! A [`Loader`] over the checked repository: the walk's index and the shared file cache, so
//! a rule reads makefiles the way it reads every other file (once per run, within
//! `limits.max_file_size`, symbolic links never followed).

use std::borrow::Cow;

use ops_model::{CheckContext, EntryKind, FileCache, RepoIndex, RepoPath};

use super::loader::{Loaded, Loader, glob_matcher, has_glob};

/// Makefiles as the repository index and file cache see them.
#[derive(Clone, Copy)]
pub struct RepoLoader<'a> {
    index: &'a RepoIndex,
    files: &'a FileCache,
}

impl<'a> RepoLoader<'a> {
    /// A loader over `index` and `files`.
    pub fn new(index: &'a RepoIndex, files: &'a FileCache) -> RepoLoader<'a> {
        RepoLoader { index, files }
    }

    /// A loader over a rule's context.
    pub fn from_context(cx: &CheckContext<'a>) -> RepoLoader<'a> {
        RepoLoader::new(cx.index, cx.files)
    }

    /// Why `path` is something other than a readable file, when something is there: a
    /// symbolic link at or above it (the walk does not follow them), a directory, a special
    /// file.
    fn something_else(&self, path: &str) -> Option<String> {
        let mut end = 0;
        for component in path.split('/') {
            end += component.len();
            let prefix = &path[..end];
            end += 1;
            let Some(entry) = self.index.get(prefix) else {
                break;
            };
            if entry.kind == EntryKind::Symlink {
                return Some(if prefix == path {
                    "is a symlink, which ops-check does not follow".to_string()
                } else {
                    format!("is behind the symlink `{prefix}`, which ops-check does not follow")
                });
            }
        }
        match self.index.get(path).map(|e| e.kind) {
            Some(EntryKind::Dir) => Some("is a directory, not a file".to_string()),
            Some(EntryKind::Other) => Some("is not a regular file".to_string()),
            _ => None,
        }
    }
}

impl Loader for RepoLoader<'_> {
    fn load(&self, path: &str) -> Loaded<'_> {
        if !self.index.is_file(path) {
            return match self.something_else(path) {
                Some(why) => Loaded::Unreadable(why),
                None => Loaded::Missing,
            };
        }
        match self.files.text(&RepoPath::new(path)) {
            // An editor's byte order mark would glue itself to the first line.
            Ok(text) => Loaded::Text(Cow::Borrowed(text.strip_prefix('\u{feff}').unwrap_or(text))),
            Err(e) => Loaded::Unreadable(e.to_string()),
        }
    }

    fn glob(&self, pattern: &str) -> Vec<String> {
        if !has_glob(pattern) {
            return self
                .index
                .contains(pattern)
                .then(|| pattern.to_string())
                .into_iter()
                .collect();
        }
        let Some(matcher) = glob_matcher(pattern) else {
            return Vec::new();
        };
        // Entries below the pattern's literal directory only: the index is sorted by path.
        let literal = pattern[..pattern.find(['*', '?', '[']).unwrap_or(0)]
            .rfind('/')
            .map_or("", |i| &pattern[..i]);
        self.index
            .descendants(literal)
            .iter()
            .filter(|e| e.kind != EntryKind::Other && matcher.is_match(e.path.as_str()))
            .map(|e| e.path.as_str().to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use ops_model::testing::TestRepo;

    use super::*;
    use crate::make::{IncludeStatus, Options, read};

    #[test]
    fn reads_the_repository_through_the_index_and_cache() {
        let repo = TestRepo::new()
            .file(
                "Makefile",
                "\u{feff}include mk/*.mk\ninclude bad.mk\n-include dir\nroot: ; x\n",
            )
            .file("mk/a.mk", "a: ; x\n")
            .file("mk/sub/b.mk", "b: ; x\n")
            .bytes("bad.mk", &[0xff, b'\n'])
            .dir("dir");
        let cx = repo.context();
        let cx = cx.cx();
        let loader = RepoLoader::from_context(&cx);
        assert_eq!(loader.glob("mk/*.mk"), ["mk/a.mk"]);
        assert_eq!(loader.glob("mk/sub"), ["mk/sub"]);
        let db = read("Makefile", &loader, &Options::default());
        assert!(db.is_defined("root") && db.is_defined("a") && !db.is_defined("b"));
        let statuses: Vec<_> = db
            .files()
            .iter()
            .map(|f| (f.path.as_str(), f.status.clone()))
            .collect();
        assert_eq!(
            statuses,
            [
                ("Makefile", IncludeStatus::Read),
                ("mk/a.mk", IncludeStatus::Read),
                (
                    "bad.mk",
                    IncludeStatus::Unreadable("not valid UTF-8 text".to_string())
                ),
                (
                    "dir",
                    IncludeStatus::Unreadable("is a directory, not a file".to_string())
                ),
            ]
        );
    }
}
