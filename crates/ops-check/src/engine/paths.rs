//! Paths of a run: where the checked root stands and the hint when it has no ops tree.

use std::path::Path;

use ops_model::RepoPath;

/// tree (the slip `ops-check check ops`), or an ancestor holds one.
pub(super) fn no_ops_hint(root: &Path, ops_root: &str) -> String {
    let name_matches = root
        .canonicalize()
        .ok()
        .and_then(|abs| abs.file_name().map(|n| n.to_string_lossy().into_owned()))
        .is_some_and(|name| Some(name.as_str()) == ops_root.rsplit('/').next());
    let parent = root.join("..");
    if name_matches && parent.join(ops_root).is_dir() {
        return format!(
            "; `{}` looks like the {ops_root}/ tree itself: check the repository root instead (`ops-check check {}`)",
            root.display(),
            parent.display()
        );
    }
    let mut dir = root.canonicalize().ok();
    while let Some(d) = dir {
        if d.join(ops_root).is_dir() {
            return format!(
                "; {} has one: check that repository root instead",
                d.display()
            );
        }
        dir = d.parent().map(Path::to_path_buf);
    }
    format!(
        "; set `ops_root` in {} if the tree lives elsewhere",
        ops_model::contract::CONFIG_FILE_NAME
    )
}

/// `path` (the config file) relative to `root`, when it lies inside it.
pub(super) fn inside(root: &Path, path: &Path) -> Option<RepoPath> {
    let root = root.canonicalize().ok()?;
    let path = path.canonicalize().ok()?;
    let rel = path.strip_prefix(&root).ok()?;
    Some(RepoPath::new(rel.to_string_lossy().replace('\\', "/")))
}
