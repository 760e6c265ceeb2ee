//! Errors that stop a run (exit 2). A repository that breaks the contract is not an error:
//! it produces findings.

use std::path::PathBuf;

use thiserror::Error;

/// The config file could not be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read config {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: invalid config: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: u32,
        column: u32,
        message: String,
    },
    #[error("{}: invalid config: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

/// The model could not be built for a root.
#[derive(Debug, Error)]
pub enum ModelError {
    #[error("{}: no such directory", path.display())]
    RootNotFound { path: PathBuf },
    #[error("{}: not a directory", path.display())]
    RootNotADirectory { path: PathBuf },
    #[error("{}: cannot read: {source}", path.display())]
    RootUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
