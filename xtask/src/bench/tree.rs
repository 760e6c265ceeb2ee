//! The generated bench tree: a fixture's repository with its `ops/` domains, schema
//! directories and runbooks replicated into shards, committed in git, cached.
//!
//! Everything the contract keeps once stays once (the root Makefile and `makefiles/`,
//! `ops/_meta/surface.json`, `ops/INDEX.md`, `ops/CONTRACT.md`, `configs/ops/`, the reserved
//! trees); what a growing repository multiplies is multiplied: each shard `N` adds a copy of
//! every unit `U` at `U/shard-N/`, its references rewritten to stay inside the shard
//! ([`super::rewrite`]). The legacy fixture is a drifted repository, so the copies carry its
//! planted findings too, as a large drifted repository would.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::git;
use super::rewrite::{ShardRewriter, Unit};

/// Bumped whenever the generator's output changes, so cached trees are rebuilt.
pub const GEN_VERSION: u32 = 1;

/// The alint configuration for the part of the contract alint 0.21 can express (a copy of
/// the project's shared bench peer config); written to each generated tree as `.alint.yml`.
pub const ALINT_CONFIG: &str = include_str!("alint.yml");

/// The canonical domains of Ops Contract 1.0.0, the units replicated under `ops/`.
const DOMAINS: [&str; 6] = ["stack", "k8s", "obs", "load", "datasets", "e2e"];

/// One file of a fixture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixtureFile {
    /// Repository-relative, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl FixtureFile {
    /// A text file (tests build small fixtures from these).
    #[cfg(test)]
    pub fn text(path: &str, text: &str) -> FixtureFile {
        FixtureFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }
}

/// A fixture repository read into memory (a few hundred small files).
#[derive(Clone, Debug)]
pub struct Fixture {
    pub name: String,
    /// Sorted by path.
    pub files: Vec<FixtureFile>,
    /// SHA-256 of every path and content, hex: a changed fixture invalidates cached trees.
    pub fingerprint: String,
}

impl Fixture {
    /// Reads `ops-fixtures/NAME` (legacy by default, conforming when legacy is missing).
    pub fn load(workspace: &Path, name: Option<&str>) -> Result<Fixture, String> {
        let fixtures = workspace.join("ops-fixtures");
        let name = match name {
            Some(n) => n.to_string(),
            None if fixtures.join("legacy/ops").is_dir() => "legacy".to_string(),
            None => "conforming".to_string(),
        };
        let dir = fixtures.join(&name);
        let mut files = Vec::new();
        read_dir_files(&dir, "", &mut files)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        Ok(Fixture::from_files(name, files))
    }

    /// A fixture from files already in memory (tests).
    pub fn from_files(name: String, mut files: Vec<FixtureFile>) -> Fixture {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut hash = Sha256::new();
        for f in &files {
            hash.update(f.path.as_bytes());
            hash.update([0]);
            hash.update((f.bytes.len() as u64).to_le_bytes());
            hash.update(&f.bytes);
        }
        let fingerprint = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Fixture {
            name,
            files,
            fingerprint,
        }
    }

    /// The directories a shard replicates: the canonical domains under `ops/`, the
    /// directories of `ops/_schemas/` (but `vendor/`: third-party schemas have a fixed `$id`,
    /// copies would share it) and `docs/runbooks/`, those that exist.
    pub fn units(&self) -> Vec<Unit> {
        let has = |dir: &str| {
            let prefix = format!("{dir}/");
            self.files.iter().any(|f| f.path.starts_with(&prefix))
        };
        let mut units: Vec<Unit> = DOMAINS
            .iter()
            .map(|d| format!("ops/{d}"))
            .filter(|p| has(p))
            .map(|path| Unit {
                path,
                schemas: false,
            })
            .collect();
        let mut schema_dirs: Vec<&str> = self
            .files
            .iter()
            .filter_map(|f| f.path.strip_prefix("ops/_schemas/"))
            .filter_map(|rest| rest.split_once('/').map(|(dir, _)| dir))
            .filter(|dir| *dir != "vendor")
            .collect();
        schema_dirs.dedup();
        units.extend(schema_dirs.into_iter().map(|d| Unit {
            path: format!("ops/_schemas/{d}"),
            schemas: true,
        }));
        if has("docs/runbooks") {
            units.push(Unit {
                path: "docs/runbooks".into(),
                schemas: false,
            });
        }
        units
    }

    /// The unit a file belongs to and its path below it.
    fn unit_of<'u>(units: &'u [Unit], path: &'u str) -> Option<(&'u Unit, &'u str)> {
        units.iter().find_map(|u| {
            path.strip_prefix(u.path.as_str())
                .and_then(|r| r.strip_prefix('/'))
                .map(|rest| (u, rest))
        })
    }

    /// How many shards bring the tree to about `target` files (the fixture once, plus whole
    /// shards; never fewer than the fixture).
    pub fn shards_for(&self, target: usize) -> usize {
        let units = self.units();
        let per_shard = self
            .files
            .iter()
            .filter(|f| Self::unit_of(&units, &f.path).is_some())
            .count();
        if per_shard == 0 || target <= self.files.len() {
            return 0;
        }
        (target - self.files.len()).div_ceil(per_shard)
    }

    /// Every file of the tree with `shards` shards, in a stable order: the fixture, then
    /// shard 1, 2, ... Calls `write` for each; stops at its first error.
    pub fn for_each_file(
        &self,
        shards: usize,
        mut write: impl FnMut(&str, &[u8]) -> Result<(), String>,
    ) -> Result<(), String> {
        for f in &self.files {
            write(&f.path, &f.bytes)?;
        }
        let units = self.units();
        for n in 1..=shards {
            let shard = format!("shard-{n:04}");
            let rewriter = ShardRewriter::new(&units, &shard)?;
            for f in &self.files {
                let Some((unit, rest)) = Self::unit_of(&units, &f.path) else {
                    continue;
                };
                let path = format!("{}/{shard}/{rest}", unit.path);
                match std::str::from_utf8(&f.bytes) {
                    Ok(text) => write(&path, rewriter.rewrite(unit, rest, text).as_bytes())?,
                    Err(_) => write(&path, &f.bytes)?,
                }
            }
        }
        Ok(())
    }
}

/// A tree ready to bench.
#[derive(Clone, Debug)]
pub struct Tree {
    pub root: PathBuf,
    /// Regular files written (the git metadata not counted).
    pub files: usize,
    pub bytes: u64,
}

/// The tree cached as `target/bench-trees/KEY/`, built by `build` (which returns the files
/// and bytes it wrote) and committed in git when missing, stale (another generator version or
/// fixture) or `regenerate`. A stamp file beside it records what it was built from.
pub fn cached(
    workspace: &Path,
    key: &str,
    fingerprint: &str,
    regenerate: bool,
    build: impl FnOnce(&Path) -> Result<(usize, u64), String>,
) -> Result<Tree, String> {
    let dir = workspace.join("target/bench-trees");
    let root = dir.join(key);
    let stamp = dir.join(format!("{key}.stamp"));
    let expected = format!("v{GEN_VERSION} {fingerprint}");
    if !regenerate
        && root.is_dir()
        && let Ok(text) = fs::read_to_string(&stamp)
        && let Some((head, counts)) = text.split_once('\n')
        && head == expected
        && let Some((files, bytes)) = counts.trim().split_once(' ')
        && let (Ok(files), Ok(bytes)) = (files.parse(), bytes.parse())
    {
        return Ok(Tree { root, files, bytes });
    }
    let _ = fs::remove_file(&stamp);
    if root.exists() {
        fs::remove_dir_all(&root).map_err(|e| format!("cannot remove {}: {e}", root.display()))?;
    }
    fs::create_dir_all(&root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
    eprintln!("bench: generating {} ...", root.display());
    let (files, bytes) = build(&root)?;
    eprintln!("bench: committing {files} files in git ...");
    git::commit_all(&root)?;
    fs::write(&stamp, format!("{expected}\n{files} {bytes}\n"))
        .map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok(Tree { root, files, bytes })
}

/// Writes every file of `fixture` with `shards` shards below `root`, and `.alint.yml`.
/// Returns the files and bytes written.
pub fn write_sharded(
    root: &Path,
    fixture: &Fixture,
    shards: usize,
) -> Result<(usize, u64), String> {
    let mut writer = Writer::new(root);
    fixture.for_each_file(shards, |path, bytes| writer.write(path, bytes))?;
    writer.write(".alint.yml", ALINT_CONFIG.as_bytes())?;
    Ok((writer.files, writer.bytes))
}

/// The replicated tree of about `files` files for `fixture`.
pub fn generate(
    workspace: &Path,
    fixture: &Fixture,
    files: usize,
    regenerate: bool,
) -> Result<Tree, String> {
    let shards = fixture.shards_for(files);
    let key = format!("{}-{files}", fixture.name);
    cached(workspace, &key, &fixture.fingerprint, regenerate, |root| {
        write_sharded(root, fixture, shards)
    })
}

/// Writes files below a root, creating directories, counting what it wrote.
pub struct Writer {
    root: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

impl Writer {
    pub fn new(root: &Path) -> Writer {
        Writer {
            root: root.to_path_buf(),
            files: 0,
            bytes: 0,
        }
    }

    /// Writes (or replaces) the repository-relative `path`.
    pub fn write(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let target = self.root.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        let existed = target.exists();
        fs::write(&target, bytes).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        if !existed {
            self.files += 1;
        }
        self.bytes += bytes.len() as u64;
        Ok(())
    }
}

fn read_dir_files(dir: &Path, prefix: &str, out: &mut Vec<FixtureFile>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == ".git" {
            continue;
        }
        let path = format!("{prefix}{name}");
        let kind = entry.file_type()?;
        if kind.is_dir() {
            read_dir_files(&entry.path(), &format!("{path}/"), out)?;
        } else if kind.is_file() {
            out.push(FixtureFile {
                path,
                bytes: fs::read(entry.path())?,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "tree_tests.rs"]
mod tests;
