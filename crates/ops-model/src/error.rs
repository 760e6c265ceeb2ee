//! Errors that stop a run (exit 2). A repository that breaks the contract is not an error:
//! it produces findings.

use std::path::PathBuf;

use thiserror::Error;

/// The config file could not be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("cannot read config {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a valid config (TOML 1.0 and the keys of docs/config.md).
    #[error("{}:{line}:{column}: invalid config: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: u32,
        /// Column, from 1.
        column: u32,
        /// What is wrong.
        message: String,
    },
    #[error("{}: invalid config: {message}", path.display())]
    /// The file parses but a value cannot be used.
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// The model could not be built for a root.
#[derive(Debug, Error)]
pub enum ModelError {
    #[error("{}: no such directory", path.display())]
    /// The root does not exist.
    RootNotFound {
        /// The root as given.
        path: PathBuf,
    },
    #[error("{}: not a directory", path.display())]
    /// The root is not a directory.
    RootNotADirectory {
        /// The root as given.
        path: PathBuf,
    },
    /// The root cannot be read.
    #[error("{}: cannot read: {source}", path.display())]
    RootUnreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}
