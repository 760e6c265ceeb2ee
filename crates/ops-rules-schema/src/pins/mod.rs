//! Tool pins (SCH007): the canonical table, and the shapes that tie a version to a tool in
//! each kind of file. A pin is a version-shaped value ([`version::is_version`]) tied to a
//! tool by a known shape, never a bare mention: each module lists the shapes it reads.
//!
//! Every file is read by the reader of its language ([`ops_syntax`]); a file whose text
//! names no tool (by any of its names, [`ToolTable::mentioned_in`]) is not parsed at all.

mod files;
mod image;
mod mentions;
#[cfg(test)]
mod never_panics;
mod shell;
mod structured;
mod table;
mod version;
mod workflow;

use std::borrow::Cow;

use ops_model::text::line_column;
use ops_model::{FileKind, SourceFile, Span};
use ops_syntax::parsed;
use ops_syntax::shell::Mode;

use crate::pointer::JsonPositions;

pub use table::ToolTable;
pub use version::same;

/// One pin found in a file.
#[derive(Debug, PartialEq, Eq)]
pub struct Pin {
    /// Index of the tool in [`ToolTable::tools`].
    pub tool: usize,
    /// The version as written.
    pub value: String,
    /// Where the version is written.
    pub span: Span,
}

/// Every pin in one file, in position order, one per position.
pub fn pins_in(table: &ToolTable, file: &SourceFile<'_>) -> Vec<Pin> {
    let Ok(text) = file.text() else {
        // Binary, oversized or non-UTF-8 files hold no pin we could report precisely.
        return Vec::new();
    };
    let path = file.path();
    let name = path.file_name();
    let mut pins = match files::version_file(name) {
        Some(files::VersionFile::Asdf) => in_lines(files::asdf(table, text), text),
        Some(files::VersionFile::FirstLine(tool)) => {
            in_lines(files::first_line(table, tool, text), text)
        }
        Some(files::VersionFile::Toolchain(tool)) => {
            in_lines(files::toolchain(table, tool, text), text)
        }
        None if !table.mentioned_in(text) => Vec::new(),
        None => by_kind(table, file, text),
    };
    pins.sort_by_key(|p| (p.span, p.tool));
    pins.dedup_by_key(|p| p.span);
    pins
}

fn by_kind(table: &ToolTable, file: &SourceFile<'_>, text: &str) -> Vec<Pin> {
    let path = file.path();
    match file.kind() {
        FileKind::Json => {
            let Ok(doc) = file.json() else {
                return Vec::new();
            };
            let positions = JsonPositions::new(text);
            structured::find(table, doc, false)
                .into_iter()
                .filter_map(|f| {
                    let at = positions.locate(&f.pointer)?.value;
                    // A string's text starts after its quote; versions hold no escapes.
                    let quote = u32::from(text_at(text, at) == Some('"'));
                    let chars = f.value_prefix_chars(doc);
                    Some(pin(
                        f.tool,
                        f.value,
                        Span::new(at.line, at.column + quote + chars),
                    ))
                })
                .collect()
        }
        FileKind::Yaml | FileKind::Workflow => {
            let Ok(stream) = parsed::yaml(file) else {
                return Vec::new();
            };
            let Ok(docs) = &stream.0 else {
                return Vec::new();
            };
            let chart = matches!(path.file_name(), "Chart.yaml" | "Chart.lock");
            let mut out: Vec<Pin> = docs
                .iter()
                .flat_map(|doc| {
                    structured::find(table, &doc.root, chart)
                        .into_iter()
                        .filter_map(move |f| {
                            let scalar = doc.node(&f.pointer)?.as_scalar()?;
                            Some(pin(f.tool, f.value, scalar.span_at(f.offset)))
                        })
                })
                .collect();
            if file.kind() == FileKind::Workflow
                && let Ok(workflow) = parsed::workflow(file)
            {
                out.extend(
                    workflow::pins(table, &workflow)
                        .into_iter()
                        .map(|f| pin(f.tool, f.value, f.span)),
                );
            }
            out
        }
        FileKind::Toml => Vec::new(),
        FileKind::Make => shell::makefile(table, path.as_str(), text, &file.limits().make)
            .into_iter()
            .map(|f| {
                let line = text.split('\n').nth(f.line as usize - 1).unwrap_or("");
                let column = line_column(line, f.column_offset).1;
                pin(f.tool, f.value, Span::new(f.line, column))
            })
            .collect(),
        // Shell scripts, and `KEY=value` env files, which shell reads the same way: the
        // file's shared parse (the same mode and limits as `Mode::Script` here).
        FileKind::Shell => shell_pins(table, file, text),
        FileKind::Other if path.extension() == Some("env") || path.file_name() == ".env" => {
            shell_pins(table, file, text)
        }
        _ => Vec::new(),
    }
}

/// The pins of a file read as a whole shell script, through its shared parse. Most
/// scripts that name a tool hold no version at all: those are not walked (the walk was
/// 65 M instructions over 12,000 scripts at 20,000 files, callgrind).
fn shell_pins(table: &ToolTable, file: &SourceFile<'_>, text: &str) -> Vec<Pin> {
    if !version::may_be_in_shell(text) {
        return Vec::new();
    }
    match parsed::shell(file) {
        Ok(script) => in_text(shell::parsed_script(table, &script), text),
        Err(_) => in_text(shell::script(table, text, Mode::Script), text),
    }
}

fn pin(tool: usize, value: String, span: Span) -> Pin {
    Pin { tool, value, span }
}

/// The character at a position of a text (1-based line and column).
fn text_at(text: &str, at: Span) -> Option<char> {
    let line = text.split('\n').nth(at.line.checked_sub(1)? as usize)?;
    line.chars().nth(at.column.checked_sub(1)? as usize)
}

/// Pins found at byte offsets of `text`.
fn in_text(found: Vec<shell::Found>, text: &str) -> Vec<Pin> {
    found
        .into_iter()
        .map(|f| {
            let (line, column) = line_column(text, f.offset);
            pin(f.tool, f.value, Span::new(line, column))
        })
        .collect()
}

/// Pins found at (line, byte offset in the line).
fn in_lines(found: Vec<files::Found>, text: &str) -> Vec<Pin> {
    found
        .into_iter()
        .map(|f| {
            let line = text.split('\n').nth(f.line as usize - 1).unwrap_or("");
            let column = line_column(line, f.offset).1;
            pin(f.tool, f.value, Span::new(f.line, column))
        })
        .collect()
}

impl structured::Found {
    /// The number of characters before the version in the scalar that holds it (an image's
    /// repository and `:`, a `NAME=` prefix).
    fn value_prefix_chars(&self, doc: &serde_json::Value) -> u32 {
        let text: Option<Cow<'_, str>> =
            doc.pointer(&self.pointer).and_then(structured::Tree::text);
        let prefix = text
            .as_deref()
            .and_then(|t| t.get(..self.offset))
            .unwrap_or("");
        ops_model::text::to_u32(prefix.chars().count())
    }
}
