//! Why a JSON or YAML file could not be used, worded once for every SCH rule that reads one:
//! `is not valid JSON: ...` at the syntax error, or `cannot be read: ...`.

use ops_model::{JsonError, ReadError, Span};

use crate::pointer::syntax_span;
use crate::yaml::YamlError;

/// Why a file could not be read or parsed; `message` follows the file's description
/// (`manifest is not valid JSON: ...`).
#[derive(Clone, Debug)]
pub struct LoadError {
    pub span: Option<Span>,
    pub message: String,
    /// The file is unreadable (size, encoding), not malformed.
    pub unreadable: bool,
}

impl LoadError {
    pub fn read(err: ReadError) -> LoadError {
        LoadError {
            span: None,
            message: format!("cannot be read: {err}"),
            unreadable: true,
        }
    }

    pub fn json(err: JsonError) -> LoadError {
        match err {
            JsonError::Read(err) => LoadError::read(err),
            JsonError::Syntax {
                line,
                column,
                message,
            } => LoadError {
                span: Some(syntax_span(line, column)),
                message: format!("is not valid JSON: {message}"),
                unreadable: false,
            },
        }
    }

    pub fn yaml(err: YamlError) -> LoadError {
        LoadError {
            span: Some(err.span),
            message: format!("is not valid YAML: {}", err.message),
            unreadable: false,
        }
    }
}
