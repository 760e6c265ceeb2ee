//! The directories where only listed generated files may be committed (`dir:glob` entries
//! of `[artifacts] committed_generated_dirs`).

use ops_model::RepoPath;
use ops_model::contract::DirGlob;

/// Files that document or keep a directory; never generated outputs.
pub const KEEPERS: &[&str] = &["INDEX.md", "README.md", ".gitignore", ".gitkeep", ".keep"];

/// Whether `path` is a generated output of `dir`: below it, its path inside the directory
/// matching the glob, and not an index/placeholder file.
pub fn holds(dir: &DirGlob, path: &RepoPath) -> bool {
    dir.matches(path) && !KEEPERS.contains(&path.file_name())
}
