//! How the surface rules read their text inputs, and how they word a path that is not a
//! readable regular file of the tree.

use ops_model::{CheckContext, EntryKind, JsonError, ReadError, RepoPath};

/// The file's text, a leading UTF-8 byte order mark removed: editors on some platforms add
/// one, and it would otherwise glue itself to the first heading, target or command.
pub fn text<'a>(cx: &CheckContext<'a>, path: &RepoPath) -> Result<&'a str, ReadError> {
    let files = cx.files;
    files
        .text(path)
        .map(|t| t.strip_prefix('\u{feff}').unwrap_or(t))
}

/// "cannot read `path`: reason", without `ReadError`'s own "cannot read:" repeated.
pub fn unreadable(path: &RepoPath, err: &ReadError) -> String {
    match err {
        ReadError::Io(why) => format!("cannot read `{path}`: {why}"),
        other => format!("cannot read `{path}`: {other}"),
    }
}

/// "`path` is not valid JSON at 1:9: ..." or "cannot read `path`: ...".
pub fn unparsable(path: &RepoPath, err: &JsonError) -> String {
    match err {
        JsonError::Read(e) => unreadable(path, e),
        JsonError::Syntax {
            line,
            column,
            message,
        } => format!("`{path}` is not valid JSON at {line}:{column}: {message}"),
    }
}

/// Why `path` is not a regular file of the walked tree, as a sentence ending that follows
/// "`path` ": "does not exist", "is behind a symlink: ...", "is a directory".
///
/// The walk never follows symlinks, so a file below a symlinked directory is not in the
/// index: saying it "does not exist" would send people looking in the wrong place.
pub fn not_a_file(cx: &CheckContext<'_>, path: &RepoPath) -> String {
    something_else(cx, path).unwrap_or_else(|| "does not exist".to_string())
}

/// Like [`not_a_file`], but `None` when nothing at all is at `path` (nor a symlink above it):
/// a file that is simply missing, as opposed to one the walk cannot see or read.
pub fn something_else(cx: &CheckContext<'_>, path: &RepoPath) -> Option<String> {
    let mut prefix = String::new();
    for component in path.components() {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(component);
        let Some(entry) = cx.index.get(&prefix) else {
            break;
        };
        if entry.kind == EntryKind::Symlink {
            let target = entry
                .link
                .as_ref()
                .map(|l| format!(" to `{}`", l.target_text))
                .unwrap_or_default();
            return Some(if prefix == path.as_str() {
                format!("is a symlink{target}, and ops-check does not follow symlinks")
            } else {
                format!(
                    "is behind a symlink: `{prefix}` is a symlink{target}, and ops-check does \
                     not follow symlinks"
                )
            });
        }
    }
    match cx.index.get(path.as_str()).map(|e| e.kind) {
        Some(EntryKind::Dir) => Some("is a directory, not a file".to_string()),
        Some(EntryKind::Other) => Some("is not a regular file".to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn bom_is_stripped_and_missing_files_are_worded() {
        let repo = TestRepo::new()
            .file("a.md", "\u{feff}# Title\n")
            .dir("d")
            .symlink("ops/_meta", "../elsewhere")
            .symlink("link.json", "a.md");
        let cx = repo.context();
        let cx = cx.cx();
        assert_eq!(text(&cx, &RepoPath::new("a.md")), Ok("# Title\n"));
        let why = |p: &str| not_a_file(&cx, &RepoPath::new(p));
        assert_eq!(why("nope.json"), "does not exist");
        assert_eq!(why("d"), "is a directory, not a file");
        assert!(
            why("ops/_meta/surface.json")
                .starts_with("is behind a symlink: `ops/_meta` is a symlink to `../elsewhere`"),
            "{}",
            why("ops/_meta/surface.json")
        );
        assert!(why("link.json").starts_with("is a symlink to `a.md`"));
    }
}
