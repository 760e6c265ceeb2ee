//! Which repository a command looks at when it is given no PATH.

use std::path::{Path, PathBuf};

use ops_model::contract::find_config_upwards;

/// The root for a command run without PATH: the nearest directory at or above the current
/// one that holds `ops-check.toml`, else the top of the git work tree, else the current
/// directory. It is returned relative to the current directory (`.`, `..`, `../..`), so a
/// report names it the same way on every machine.
pub fn discover() -> PathBuf {
    let Ok(cwd) = std::env::current_dir().and_then(|d| d.canonicalize()) else {
        return PathBuf::from(".");
    };
    let found = find_config_upwards(&cwd).or_else(|| {
        super::git::work_tree_top(&cwd)
            .ok()
            .and_then(|top| top.canonicalize().ok())
    });
    match found {
        Some(root) => relative_up(&cwd, &root),
        None => PathBuf::from("."),
    }
}

/// `ancestor` as seen from `dir` (which lies inside it): `.` or `..` repeated.
fn relative_up(dir: &Path, ancestor: &Path) -> PathBuf {
    match dir.strip_prefix(ancestor) {
        Ok(rest) => {
            let up = rest.components().count();
            if up == 0 {
                PathBuf::from(".")
            } else {
                (0..up).map(|_| "..").collect::<Vec<_>>().join("/").into()
            }
        }
        // Not an ancestor (a symlinked checkout): name it in full.
        Err(_) => ancestor.to_path_buf(),
    }
}

/// PATH as given, or discovered.
pub fn or_discover(path: Option<PathBuf>) -> PathBuf {
    path.unwrap_or_else(discover)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_are_named_relatively() {
        assert_eq!(
            relative_up(Path::new("/a/b/c"), Path::new("/a")),
            PathBuf::from("../..")
        );
        assert_eq!(
            relative_up(Path::new("/a"), Path::new("/a")),
            PathBuf::from(".")
        );
        assert_eq!(
            relative_up(Path::new("/x"), Path::new("/a")),
            PathBuf::from("/a")
        );
    }
}
