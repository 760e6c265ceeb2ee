//! One reader per language, shared by every rule.
//!
//! Each module is a pure function of a file's text: no file system, no process, no clock.
//! Rules never lex, parse or normalise a file format themselves; they ask this crate, so
//! that a reader fault is fixed once for every rule, and a file is lexed once per run.
//!
//! | module | reads |
//! |---|---|
//! | `shell` | POSIX shell / bash: tokens, simple commands, a static evaluator |
//! | `make` | GNU make: rules, variables, includes, functions, with a work budget |
//! | `markdown` | CommonMark (pulldown-cmark): code blocks and code spans with lines |
//! | `yaml` | YAML 1.2 with positions, merge keys and an alias budget |
//! | `workflow` | GitHub Actions workflows: each `run:` as the runner executes it |
//! | `python` | Python: imports and statically known file writes |
//! | `header` | a file's header: the comments at its top, in its kind's comment syntax |
//!
//! [`parsed`] shares one parse of a file between every rule that reads it in the scan pass.

#![warn(missing_docs)]

pub mod diagnostic;
pub mod header;
mod line_index;
pub mod make;
pub mod markdown;
pub mod parsed;
pub mod python;
pub mod shell;
pub mod value;
pub mod workflow;
pub mod yaml;

pub use diagnostic::{Budget, Diagnostic, DiagnosticKind};

pub use value::{Anchor, Part, Parts, StaticValue, UNKNOWN_MARK, has_unknown_mark};
