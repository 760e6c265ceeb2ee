//! Where command output goes, and the errors that end a command with exit 2.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// A command could not do its job (exit 2).
#[derive(Debug, Error)]
pub enum CliError {
    #[error(transparent)]
    Engine(#[from] crate::EngineError),
    #[error(transparent)]
    Config(#[from] ops_model::ConfigError),
    #[error(transparent)]
    Report(#[from] ops_report::ReportError),
    #[error(transparent)]
    Gen(#[from] crate::r#gen::GenError),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{0}")]
    Usage(String),
}

/// Writes `render`'s output to `path` (atomically: a temp file renamed into place) or to
/// stdout.
pub fn emit(
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> Result<(), CliError>,
) -> Result<(), CliError> {
    match path {
        None => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            render(&mut lock)?;
            lock.flush().map_err(|source| CliError::Write {
                path: PathBuf::from("<stdout>"),
                source,
            })
        }
        Some(path) => {
            let mut buf = Vec::new();
            render(&mut buf)?;
            write_atomic(path, &buf).map_err(|source| CliError::Write {
                path: path.to_path_buf(),
                source,
            })
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
    #[default]
    Auto,
    Always,
    Never,
}

/// `--format` of commands that print a list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    #[default]
    Human,
    Json,
}

pub fn io_err(source: io::Error) -> CliError {
    CliError::Write {
        path: PathBuf::from("<stdout>"),
        source,
    }
}
