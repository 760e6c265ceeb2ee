//! The directories where only listed generated files may be committed (`dir:glob` entries
//! of `[artifacts] committed_generated_dirs`).

use ops_model::{GlobList, RepoPath};

/// One `dir:glob` entry.
pub struct GeneratedDir {
    pub dir: RepoPath,
    pub glob: String,
    names: GlobList,
}

/// Files that document or keep a directory; never generated outputs.
pub const KEEPERS: &[&str] = &["INDEX.md", "README.md", ".gitignore", ".gitkeep", ".keep"];

impl GeneratedDir {
    /// Parses every entry; a malformed one is returned as an error message.
    pub fn parse_all(entries: &[String]) -> Result<Vec<GeneratedDir>, String> {
        entries
            .iter()
            .map(|e| {
                let (dir, glob) = e.split_once(':').unwrap_or((e.as_str(), "*"));
                let names = GlobList::names(&[glob.to_string()])?;
                Ok(GeneratedDir {
                    dir: RepoPath::new(dir),
                    glob: glob.to_string(),
                    names,
                })
            })
            .collect()
    }

    /// Whether `path` is a generated output of this directory: below it, its path inside
    /// the directory matching the glob, and not an index/placeholder file.
    pub fn holds(&self, path: &RepoPath) -> bool {
        match path.strip_prefix(self.dir.as_str()) {
            Some(rest) if !rest.is_empty() => {
                !KEEPERS.contains(&path.file_name()) && self.names.is_match(rest)
            }
            _ => false,
        }
    }
}
