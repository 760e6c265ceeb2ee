//! `ops-check gen`: writes the committed generated ops docs, the surface lock and the
//! schema lock.
//!
//! The content comes from [`crate::render::render_generated`], the same pure functions
//! SUR005 compares against, so a tree right after `gen` is clean under SUR005.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::render::{GeneratedFile, RenderProblem, Rendered, same_text, unified_diff};
use ops_model::run::OpenOptions;
use ops_model::{Contract, RepoPath, RunContext};
use thiserror::Error;

/// Why `gen` could not do its job (exit 2).
#[derive(Debug, Error)]
pub enum GenError {
    /// The tree at the root cannot be opened for a run (missing, not a directory,
    /// unreadable).
    #[error(transparent)]
    Model(#[from] ops_model::ModelError),
    /// Some files cannot be rendered, so none is written: each generated path with why
    /// (the inputs that cannot be read or parsed; see [`RenderProblem`]).
    #[error("cannot render {}", list(.0))]
    Render(Vec<(RepoPath, String)>),
    /// A renderer produced a file outside the paths `gen` owns ([`Rendered::targets`] and
    /// `[schema] schema_lock`); a bug guard, so that `gen` never writes anywhere else.
    #[error("refusing to write {path}: not one of the generated files")]
    Foreign {
        /// The repository path it would have written.
        path: RepoPath,
    },
    /// A generated path is not plainly inside the root: a `..` or `.` component, a symlink
    /// on the way, an existing directory that resolves outside the root, or something
    /// other than a regular file where the file goes (a FIFO would block the read).
    #[error("refusing to read or write {path}: {reason}")]
    Unsafe {
        /// The generated file's repository path.
        path: RepoPath,
        /// Which component is refused and why, one sentence.
        reason: String,
    },
    /// An I/O error reading, comparing or writing a generated file (the write goes through
    /// a temporary file renamed into place, so a failed write leaves the old content).
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file-system path (the root joined with the repository path, or the
        /// directory being resolved).
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
}

fn list(problems: &[(RepoPath, String)]) -> String {
    problems
        .iter()
        .map(|(p, m)| format!("{p}: {m}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What happened to each generated file.
#[derive(Debug, Default)]
pub struct GenOutcome {
    /// Files whose content changed (written, or with `check`, that would be).
    pub changed: Vec<RepoPath>,
    /// Files already up to date.
    pub unchanged: Vec<RepoPath>,
    /// Unified diffs from the file on disk to the rendered content, for the changed files.
    pub diffs: Vec<String>,
}

impl GenOutcome {
    /// No file changed (or, with `check`, would change): what `gen --check` exits 0 on.
    pub fn is_up_to_date(&self) -> bool {
        self.changed.is_empty()
    }
}

/// Renders the generated files of the repository at `root`.
pub fn render(root: &Path, contract: &Contract) -> Result<Rendered, GenError> {
    let open = OpenOptions {
        use_git: false,
        ..OpenOptions::default()
    };
    let (run, _) = RunContext::open(root, contract.clone(), &open)?;
    let cx = run.cx();
    let mut rendered = crate::render::render_generated(&cx);
    let mut allowed = Rendered::targets(&cx);
    // The schema lock (SCH006): every published schema version, hashed and normalized.
    allowed.push(RepoPath::new(&contract.schema.schema_lock));
    match ops_rules_schema::lock::render_for(&cx) {
        Ok((path, content)) => rendered.files.push(GeneratedFile { path, content }),
        Err(problems) => rendered.problems.push(RenderProblem {
            path: RepoPath::new(&contract.schema.schema_lock),
            message: problems
                .iter()
                .map(|(p, m)| format!("{p} {m}"))
                .collect::<Vec<_>>()
                .join("; "),
            reported_elsewhere: true,
        }),
    }
    if let Some(f) = rendered.files.iter().find(|f| !allowed.contains(&f.path)) {
        return Err(GenError::Foreign {
            path: f.path.clone(),
        });
    }
    Ok(rendered)
}

/// Renders and, unless `check`, writes every generated file whose content changed. Nothing
/// is written when any file cannot be rendered, or when any generated path is not safely
/// inside the root.
pub fn generate(root: &Path, contract: &Contract, check: bool) -> Result<GenOutcome, GenError> {
    let rendered = render(root, contract)?;
    if !rendered.problems.is_empty() {
        return Err(GenError::Render(
            rendered
                .problems
                .into_iter()
                .map(|p| (p.path, p.message))
                .collect(),
        ));
    }
    for file in &rendered.files {
        inside_root(root, &file.path)?;
    }
    let mut outcome = GenOutcome::default();
    for file in &rendered.files {
        let abs = root.join(file.path.as_str());
        let current = match fs::read(&abs) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => return Err(GenError::Write { path: abs, source }),
        };
        // Line endings do not count (a CRLF checkout is up to date), as in SUR005.
        let committed = current.as_deref().map(String::from_utf8_lossy);
        if committed
            .as_deref()
            .is_some_and(|c| same_text(c, &file.content))
        {
            outcome.unchanged.push(file.path.clone());
            continue;
        }
        let old = committed.unwrap_or_default();
        outcome
            .diffs
            .push(unified_diff(&file.path, &old, &file.content));
        outcome.changed.push(file.path.clone());
        if !check {
            write_atomic(&abs, file.content.as_bytes())
                .map_err(|source| GenError::Write { path: abs, source })?;
        }
    }
    Ok(outcome)
}

/// Refuses a generated path that is not plainly inside the root: a symlink anywhere on the
/// way (a symlinked `docs/_generated` would make `gen` overwrite files elsewhere), a `..`,
/// an existing ancestor that resolves outside the root, or a file that is not a regular file
/// (a FIFO there would block the read). Missing directories are fine:
/// `gen` creates them.
fn inside_root(root: &Path, path: &RepoPath) -> Result<(), GenError> {
    let refuse = |reason: String| GenError::Unsafe {
        path: path.clone(),
        reason,
    };
    let io = |at: PathBuf| move |source| GenError::Write { path: at, source };
    let real_root = fs::canonicalize(root).map_err(io(root.to_path_buf()))?;
    let mut at = root.to_path_buf();
    let mut walked = Vec::new();
    let depth = path.components().count();
    for component in path.components() {
        if component == ".." || component == "." || component.is_empty() {
            return Err(refuse(format!(
                "`{component}` is not a plain path component"
            )));
        }
        at.push(component);
        walked.push(component);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(refuse(format!(
                    "`{}` is a symlink; gen writes only below real directories of the root",
                    walked.join("/")
                )));
            }
            // A FIFO, socket or device where a generated file goes: reading it to compare
            // could block forever, and it is not ours to replace.
            Ok(meta) if walked.len() == depth && !meta.is_file() => {
                return Err(refuse(format!(
                    "`{}` is not a regular file (a directory, FIFO, socket or device)",
                    walked.join("/")
                )));
            }
            Ok(_) => {
                let real = fs::canonicalize(&at).map_err(io(at.clone()))?;
                if !real.starts_with(&real_root) {
                    return Err(refuse(format!(
                        "`{}` resolves to {}, outside the root",
                        walked.join("/"),
                        real.display()
                    )));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            Err(source) => return Err(GenError::Write { path: at, source }),
        }
    }
    Ok(())
}

/// Writes through a temp file in the same directory, renamed into place: readers see the
/// old or the new content, never half of it.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.ops-check-gen-{}", std::process::id()));
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
