//! Where a Python file writes, as far as it is known statically (ART009).
//!
//! Write sites, with the standard library semantics of
//! [`open`](https://docs.python.org/3/library/functions.html#open) (a mode with `w`, `a`,
//! `x` or `+` writes; no mode or `r`/`rb` reads), [`pathlib`](https://docs.python.org/3/library/pathlib.html),
//! [`os`](https://docs.python.org/3/library/os.html) and
//! [`shutil`](https://docs.python.org/3/library/shutil.html):
//!
//! | call | kind | path |
//! |---|---|---|
//! | `open(p, "w")`, `io.open`, `codecs.open`, `p.open("w")` (mode positional or `mode=`) | [`WriteKind::WriteFile`] | `p` |
//! | `gzip.open`, `bz2.open`, `lzma.open`, `tarfile.open`, `zipfile.ZipFile` (`(p, "w")`) | [`WriteKind::WriteFile`] | `p` |
//! | `p.write_text(...)`, `p.write_bytes(...)`, `p.touch()` | [`WriteKind::WriteFile`] | `p` |
//! | `p.mkdir(...)`, `os.makedirs(p)`, `os.mkdir(p)` | [`WriteKind::MakeDir`] | `p` |
//! | `shutil.copy/copy2/copyfile/copytree/move(src, dst)` | [`WriteKind::CopyDest`] | `dst` |
//!
//! Calls nested in other calls count too (`json.dump(obj, open(p, "w"))`), as do the
//! calls of `with` items. Import aliases are followed (`import os.path as osp`,
//! `from shutil import copy`). A mode that is not known text is not taken as a write.

use tree_sitter::Node;

use super::analyzer::Analyzer;
use super::kind::KindName;
use super::nav::Fields;
use super::{Diagnostic, PythonModule, line_of};
use crate::value::StaticValue;

/// What a write site does to its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WriteKind {
    /// Creates or changes a file.
    WriteFile,
    /// Creates a directory.
    MakeDir,
    /// The destination of a copy or move.
    CopyDest,
}

impl WriteKind {
    /// `write-file`, `make-dir` or `copy-dest`.
    pub fn as_str(self) -> &'static str {
        match self {
            WriteKind::WriteFile => "write-file",
            WriteKind::MakeDir => "make-dir",
            WriteKind::CopyDest => "copy-dest",
        }
    }
}

/// One write site.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Write {
    /// 1-based line of the called name (`write_text`, `open`, `makedirs`).
    pub line: u32,
    /// 1-based column of the called name, in characters.
    pub column: u32,
    /// What the call does to the path.
    pub kind: WriteKind,
    /// The call as a reader names it: `open`, `.write_text`, `os.makedirs`, `shutil.copy`.
    pub call: String,
    /// The path expression as written (at most 200 bytes, cut on a character boundary).
    pub raw: String,
    /// The path's value: [`StaticValue::is_unknown`] when nothing is known, in which case a
    /// rule stays silent.
    pub path: StaticValue,
    /// The name the path flows through, when the path expression reads an assigned name
    /// with a known value (`OUT` in `open(OUT / "x.json", "w")`): the first such name read.
    /// Several writes through one name are one place to fix, at its assignment.
    pub via: Option<Via>,
}

/// A name a write's path flows through and the assignment that bound it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Via {
    /// The name (`OUT`, `REPORT_DIR`).
    pub name: String,
    /// 1-based line of the assignment that bound it (the last one before the write, in
    /// textual order; see the scope rules in `scope.rs`).
    pub line: u32,
}

/// What the caller knows about names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Names that hold the repository root when the file does not say otherwise, as
    /// variables (`REPO_ROOT`) or environment variables (`os.environ["REPO_ROOT"]`). A name
    /// bound to a known value in the file keeps that value.
    pub root_names: Vec<String>,
}

/// The result of [`PythonModule::writes`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Writes {
    /// Every write site, ordered by line then column.
    pub writes: Vec<Write>,
    /// Budgets that ran out while evaluating (parse diagnostics are in
    /// [`PythonModule::diagnostics`]).
    pub diagnostics: Vec<Diagnostic>,
}

impl PythonModule<'_> {
    /// Every write site of the file with its statically known path. See the module docs for
    /// the calls recognised and `scope` for how names are followed.
    pub fn writes(&self, options: &WriteOptions) -> Writes {
        let Some(root) = self.root() else {
            return Writes::default();
        };
        let mut analyzer = Analyzer::new(self, options);
        analyzer.run_module(root);
        let mut writes = analyzer.writes;
        writes.sort_by_key(|w| (w.line, w.column));
        Writes {
            writes,
            diagnostics: analyzer.diagnostics,
        }
    }
}

impl Analyzer<'_, '_> {
    /// Records `call` if it is a write site.
    pub fn on_call(&mut self, call: Node<'_>) {
        let Some(function) = call.field("function") else {
            return;
        };
        let args = self.args(call);
        let site = match self.qualified(function) {
            Some(name) => {
                let (kind, target) = match name.as_str() {
                    "open" | "io.open" | "codecs.open" | "gzip.open" | "bz2.open" | "lzma.open"
                    | "tarfile.open" | "zipfile.ZipFile" => {
                        if !self.writing_mode(args.get(1, "mode")) {
                            return;
                        }
                        let path = ["file", "filename", "name"]
                            .into_iter()
                            .find_map(|k| args.keywords.iter().find(|(n, _)| n == k))
                            .map(|(_, v)| *v)
                            .or(args.get(0, "file"));
                        (WriteKind::WriteFile, path)
                    }
                    "os.makedirs" | "os.mkdir" => (
                        WriteKind::MakeDir,
                        args.get(0, "name").or(args.get(0, "path")),
                    ),
                    "shutil.copy" | "shutil.copy2" | "shutil.copyfile" | "shutil.copytree"
                    | "shutil.move" => (WriteKind::CopyDest, args.get(1, "dst")),
                    _ => return,
                };
                self.via = None;
                (kind, name, target.map(|t| (t, self.eval(t, 0))))
            }
            None => {
                if function.kind_name() != "attribute" {
                    return;
                }
                let (Some(object), Some(method)) =
                    (function.field("object"), function.field("attribute"))
                else {
                    return;
                };
                let kind = match self.text_of(method) {
                    "write_text" | "write_bytes" | "touch" => WriteKind::WriteFile,
                    "mkdir" => WriteKind::MakeDir,
                    "open" if self.writing_mode(args.get(0, "mode")) => WriteKind::WriteFile,
                    _ => return,
                };
                let name = format!(".{}", self.text_of(method));
                self.via = None;
                (kind, name, Some((object, self.eval(object, 0))))
            }
        };
        let (kind, name, target) = site;
        let anchor = match function.field("attribute") {
            Some(attr) => attr,
            None => function,
        };
        let (raw, path) = match target {
            Some((node, value)) => (clip(self.text_of(node)), value.into_static()),
            None => (String::new(), StaticValue::unknown()),
        };
        let via = match self.via.take() {
            Some((name, line)) if !path.is_unknown() => Some(Via { name, line }),
            _ => None,
        };
        let column = self.column_of(anchor);
        self.writes.push(Write {
            line: line_of(anchor),
            column,
            kind,
            call: name,
            raw,
            path,
            via,
        });
    }

    /// True when `mode` is known text that opens for writing.
    fn writing_mode(&mut self, mode: Option<Node<'_>>) -> bool {
        let Some(mode) = mode else {
            return false;
        };
        self.eval(mode, 0)
            .into_static()
            .as_known()
            .is_some_and(|m| m.contains(['w', 'a', 'x', '+']))
    }

    fn column_of(&self, node: Node<'_>) -> u32 {
        let start = node.start_byte();
        let line_start = start.saturating_sub(node.start_position().column);
        let chars = self
            .text
            .get(line_start..start)
            .map_or(0, |s| s.chars().count());
        u32::try_from(chars + 1).unwrap_or(u32::MAX)
    }
}

/// At most 200 bytes of `text`, cut on a character boundary.
fn clip(text: &str) -> String {
    let mut end = text.len().min(200);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}
