//! Why a JSON or YAML file could not be used, worded once for every SCH rule that reads one:
//! `is not valid JSON: ...` at the syntax error, or `cannot be read: ...`, with a fix that
//! fits the cause.

use ops_model::{JsonError, ReadError, Span};

use crate::pointer::syntax_span;
use ops_syntax::yaml::YamlError;

/// Why a file could not be read or parsed; `message` follows the file's description
/// (`manifest is not valid JSON: ...`).
#[derive(Clone, Debug)]
pub struct LoadError {
    pub span: Option<Span>,
    pub message: String,
    pub cause: LoadCause,
}

/// What went wrong, for the help text and the severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadCause {
    /// The content is not available (permissions, encoding, size).
    Read(ReadError),
    JsonSyntax,
    YamlSyntax,
}

impl LoadError {
    pub fn read(err: ReadError) -> LoadError {
        let message = match &err {
            // Its own wording already starts with "cannot read".
            ReadError::Io(io) => format!("cannot be read: {io}"),
            other => format!("cannot be read: {other}"),
        };
        LoadError {
            span: None,
            message,
            cause: LoadCause::Read(err),
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
                cause: LoadCause::JsonSyntax,
            },
        }
    }

    pub fn yaml(err: YamlError) -> LoadError {
        LoadError {
            span: Some(err.span),
            message: format!("is not valid YAML: {}", err.message),
            cause: LoadCause::YamlSyntax,
        }
    }

    /// The file's content is not available (size, encoding, permissions), as opposed to
    /// malformed.
    pub fn unreadable(&self) -> bool {
        matches!(self.cause, LoadCause::Read(_))
    }

    /// The file is only over `limits.max_file_size`: a choice of the config, not a defect.
    pub fn too_large(&self) -> bool {
        matches!(self.cause, LoadCause::Read(ReadError::TooLarge { .. }))
    }

    /// The fix for this cause; `what` names the file (`schema`, `manifest`, `meta file`).
    pub fn help(&self, what: &str) -> String {
        match &self.cause {
            LoadCause::JsonSyntax => "fix the JSON syntax at the position shown".to_string(),
            LoadCause::YamlSyntax => "fix the YAML syntax at the position shown".to_string(),
            LoadCause::Read(ReadError::NotUtf8) => {
                format!("save the {what} as UTF-8 text (re-encode it, e.g. with `iconv -t UTF-8`)")
            }
            LoadCause::Read(ReadError::TooLarge { limit, .. }) => format!(
                "make the {what} smaller than {limit} bytes, or raise `limits.max_file_size` in \
                 ops-check.toml"
            ),
            LoadCause::Read(ReadError::Io(_)) => format!(
                "make the {what} readable by the user running ops-check (check its permissions)"
            ),
            LoadCause::Read(ReadError::Missing | ReadError::NotAFile) => format!(
                "the {what} changed while ops-check ran or is not a regular file: run the check \
                 again"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_fits_the_cause() {
        let help = |err: ReadError| LoadError::read(err).help("schema");
        assert!(
            help(ReadError::Io("Permission denied (os error 13)".into())).contains("permissions")
        );
        assert!(help(ReadError::NotUtf8).contains("UTF-8"));
        assert!(help(ReadError::TooLarge { size: 9, limit: 4 }).contains("`limits.max_file_size`"));
        let io = LoadError::read(ReadError::Io("Permission denied (os error 13)".into()));
        assert_eq!(
            io.message,
            "cannot be read: Permission denied (os error 13)"
        );
        let syntax = LoadError::json(JsonError::Syntax {
            line: 1,
            column: 2,
            message: "EOF".into(),
        });
        assert_eq!(
            syntax.help("schema"),
            "fix the JSON syntax at the position shown"
        );
        assert!(!syntax.unreadable());
    }
}
