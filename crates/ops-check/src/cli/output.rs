//! Where command output goes, and the errors that end a command with exit 2.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// A command could not do its job (exit 2).
#[derive(Debug, Error)]
pub enum CliError {
    /// The check could not run.
    #[error(transparent)]
    Engine(#[from] crate::EngineError),
    /// The config could not be read.
    #[error(transparent)]
    Config(#[from] ops_model::ConfigError),
    /// The report could not be written.
    #[error(transparent)]
    Report(#[from] ops_report::ReportError),
    /// `gen` failed.
    #[error(transparent)]
    Gen(#[from] ops_gen::GenError),
    /// An output file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// A git question the command needed answered failed (the message says which and why).
    #[error("{0}")]
    Git(String),
}

/// Writes `render`'s output to `path`, or to stdout.
///
/// A report is rendered in memory first, so a failed render writes nothing. Stdout closed by
/// the reader (`ops-check ... | head`) ends the command quietly, as with other Unix tools.
pub fn emit(
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let mut buf = Vec::new();
    render(&mut buf)?;
    match path {
        None => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            match lock.write_all(&buf).and_then(|()| lock.flush()) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(io_err),
            }
        }
        Some(path) => write_output(path, &buf).map_err(|source| CliError::Write {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Writes `--output FILE`. A new or regular file is replaced atomically (temp file and
/// rename: readers see the old or the new report, never half of one). Anything else that
/// already exists — a device such as `/dev/null`, a FIFO, a symlink — is written in place,
/// like a shell redirection, so it is never replaced by a regular file. A read-only file
/// stays read-only: writing it is an error, even for root.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => write_atomic(path, bytes),
        Err(e) => Err(e),
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )),
        Ok(meta) if meta.is_file() => {
            if meta.permissions().readonly() {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "is read-only",
                ));
            }
            write_atomic(path, bytes)
        }
        Ok(_) => {
            let mut file = fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(path)?;
            file.write_all(bytes)?;
            file.flush()
        }
    }
}

/// Writes a file so that readers see the old or the new content, never half of it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.ops-check-tmp-{}", std::process::id()));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Colours only on a terminal, and never when `NO_COLOR` is set to anything non-empty.
pub fn color_enabled(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colours on a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

/// `--format` of commands that print a list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// A table for people.
    #[default]
    Human,
    /// A JSON array, one object per row.
    Json,
}

pub fn io_err(source: io::Error) -> CliError {
    CliError::Write {
        path: PathBuf::from("<stdout>"),
        source,
    }
}
