//! The file cache: each file's kind, bytes, text, parsed JSON and derived values (a lexed
//! script, a parsed makefile), computed at most once per run and shared by every rule on
//! every thread.
//!
//! Two ways in:
//! - [`FileCache::source`] and the shortcuts [`FileCache::text`] / [`FileCache::json`] keep
//!   what they read for the whole run: for the few files that rules look up by name (the
//!   surface, the makefiles, the schemas).
//! - [`FileCache::transient`] gives the per-file scan pass ([`crate::Rule::scan_file`]) a
//!   view whose content lives only as long as the view, unless the file was already kept;
//!   so a run over 100,000 files holds small facts, not every file's text.

use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex, OnceLock};

use thiserror::Error;

use crate::contract::Limits;
use crate::kind::FileKind;
use crate::text::line_column;
use crate::{EntryKind, RepoIndex, RepoPath};

/// Why a file's content is not available.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ReadError {
    /// The path is not in the walked tree.
    #[error("not found in the walked tree")]
    Missing,
    /// The path is a directory, symlink or special file.
    #[error("not a regular file")]
    NotAFile,
    #[error("file is {size} bytes, over the {limit}-byte limit (limits.max_file_size)")]
    /// The file is over `limits.max_file_size`.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Reading failed (the I/O error).
    #[error("cannot read: {0}")]
    Io(String),
    /// The bytes are not UTF-8 (text only).
    #[error("not valid UTF-8 text")]
    NotUtf8,
}

/// Why a file's JSON is not available.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum JsonError {
    /// The file could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The text is not JSON (RFC 8259).
    #[error("invalid JSON at {line}:{column}: {message}")]
    Syntax {
        /// Line of the error, from 1.
        line: u32,
        /// Column of the error, from 1.
        column: u32,
        /// What the parser says.
        message: String,
    },
}

/// A file's content, decoded once: UTF-8 text is kept as a `String` so `text` never
/// validates it again; anything else stays bytes.
enum Content {
    /// `bom` is true when the text starts with a UTF-8 byte order mark, which [`SourceFile::text`]
    /// leaves out (it is not part of the text) and [`SourceFile::bytes`] keeps.
    Text {
        text: String,
        bom: bool,
    },
    Binary(Vec<u8>),
}

type Derived = Arc<OnceLock<Arc<dyn Any + Send + Sync>>>;

/// Everything known about one file's content.
#[derive(Default)]
struct Slot {
    content: OnceLock<Result<Content, ReadError>>,
    json: OnceLock<Result<Arc<serde_json::Value>, JsonError>>,
    derived: Mutex<Vec<(TypeId, Derived)>>,
}

/// Lazily read file contents for every regular file of a [`RepoIndex`].
///
/// Files are read only when a rule asks, and only once; FIFOs, sockets, devices and symlinks
/// are never opened (the kind comes from the walk's metadata, never from the name).
pub struct FileCache {
    index: Arc<RepoIndex>,
    /// Allocated on first use: most entries of a large tree are never kept.
    slots: Vec<OnceLock<Box<Slot>>>,
    kinds: Vec<OnceLock<FileKind>>,
    max_size: u64,
    /// Index positions and sizes of the files found over `max_size` when some view tried to
    /// read them (in any order, possibly repeated): [`FileCache::oversized`].
    oversized: Mutex<Vec<(usize, u64)>>,
    /// The readers' budgets (`[limits]`), handed to every view.
    limits: Arc<Limits>,
}

impl FileCache {
    /// A cache over `index`; files over `max_size` bytes are never read; the readers'
    /// other budgets are the defaults.
    pub fn new(index: Arc<RepoIndex>, max_size: u64) -> Self {
        FileCache::with_limits(
            index,
            Limits {
                max_file_size: max_size,
                ..Limits::default()
            },
        )
    }

    /// A cache over `index` with the run's `[limits]`: files over `limits.max_file_size`
    /// bytes are never read, and [`SourceFile::limits`] gives the readers their budgets.
    pub fn with_limits(index: Arc<RepoIndex>, limits: Limits) -> Self {
        let n = index.entries().len();
        FileCache {
            index,
            slots: (0..n).map(|_| OnceLock::new()).collect(),
            kinds: (0..n).map(|_| OnceLock::new()).collect(),
            max_size: limits.max_file_size,
            oversized: Mutex::default(),
            limits: Arc::new(limits),
        }
    }

    /// The files some view tried to read so far and found over `limits.max_file_size`:
    /// `(index position, size in bytes)`, in index order, each once. The walk does not
    /// measure files, so a file is known to be too large only once something asks for it.
    pub fn oversized(&self) -> Vec<(usize, u64)> {
        let mut found = self.oversized.lock().map(|v| v.clone()).unwrap_or_default();
        found.sort_unstable();
        found.dedup_by_key(|(i, _)| *i);
        found
    }

    /// The readers' budgets of this run (`[limits]`).
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The index the cache reads by.
    pub fn index(&self) -> &RepoIndex {
        &self.index
    }

    /// The kept view of `path`.
    pub fn source(&self, path: &RepoPath) -> Result<SourceFile<'_>, ReadError> {
        let i = self.index.position(path).ok_or(ReadError::Missing)?;
        Ok(self.kept(i))
    }

    /// The kept view of the entry at position `i` of the index.
    fn kept(&self, i: usize) -> SourceFile<'_> {
        let slot = self.slots[i].get_or_init(Box::default);
        SourceFile {
            cache: self,
            position: i,
            slot: SlotRef::Kept(slot),
        }
    }

    /// A view of the entry at position `i` of the index whose content is dropped with the
    /// view, unless the file is already kept (then the kept content is shared).
    pub fn transient(&self, i: usize) -> SourceFile<'_> {
        match self.slots.get(i).and_then(OnceLock::get) {
            Some(slot) => SourceFile {
                cache: self,
                position: i,
                slot: SlotRef::Kept(slot),
            },
            None => SourceFile {
                cache: self,
                position: i,
                slot: SlotRef::Owned(Box::default()),
            },
        }
    }

    /// What the file is ([`FileKind`]): from its name, else from its first bytes (read
    /// without keeping them). Anything that is not a regular file is `Other`.
    pub fn kind(&self, path: &RepoPath) -> FileKind {
        match self.index.position(path) {
            Some(i) => self.kind_at(i),
            None => FileKind::Other,
        }
    }

    /// [`FileCache::kind`] of the entry at position `i` of the index.
    pub fn kind_at(&self, i: usize) -> FileKind {
        let Some(entry) = self.index.entries().get(i) else {
            return FileKind::Other;
        };
        *self.kinds[i].get_or_init(|| {
            if entry.kind != EntryKind::File {
                return FileKind::Other;
            }
            FileKind::from_name(&entry.path).unwrap_or_else(|| {
                let head = match self.slots[i].get().and_then(|s| s.content.get()) {
                    Some(Ok(Content::Text { text, .. })) => text.as_bytes().to_vec(),
                    Some(Ok(Content::Binary(b))) => b.clone(),
                    Some(Err(_)) => Vec::new(),
                    None => read_head(&entry.abs(self.index.root())).unwrap_or_default(),
                };
                FileKind::from_head(&head)
            })
        })
    }

    /// The file's bytes (kept).
    pub fn bytes(&self, path: &RepoPath) -> Result<&[u8], ReadError> {
        let i = self.index.position(path).ok_or(ReadError::Missing)?;
        let slot = self.slots[i].get_or_init(Box::default);
        Ok(match content(slot, i, self)? {
            Content::Text { text, .. } => text.as_bytes(),
            Content::Binary(bytes) => bytes,
        })
    }

    /// The file as UTF-8 text, without a leading byte order mark (kept).
    pub fn text(&self, path: &RepoPath) -> Result<&str, ReadError> {
        let i = self.index.position(path).ok_or(ReadError::Missing)?;
        let slot = self.slots[i].get_or_init(Box::default);
        text_of(content(slot, i, self)?)
    }

    /// The file parsed as JSON (kept).
    pub fn json(&self, path: &RepoPath) -> Result<&serde_json::Value, JsonError> {
        self.json_shared(path).map(|doc| &**doc)
    }

    /// [`FileCache::json`] as a shared handle, for a reader that keeps the document
    /// beyond the cache borrow (the schema registry) without copying it: the same
    /// allocation as the cache's.
    pub fn json_shared(&self, path: &RepoPath) -> Result<&Arc<serde_json::Value>, JsonError> {
        let i = self.index.position(path).ok_or(ReadError::Missing)?;
        let slot = self.slots[i].get_or_init(Box::default);
        json_of(slot, i, self)
    }
}

/// The content of the slot of the entry at index position `i`, read (and UTF-8 checked)
/// on first use. A file over the size limit is recorded in [`FileCache::oversized`].
fn content<'s>(slot: &'s Slot, i: usize, cache: &FileCache) -> Result<&'s Content, ReadError> {
    slot.content
        .get_or_init(|| {
            let entry = &cache.index.entries()[i];
            if entry.kind != EntryKind::File {
                return Err(ReadError::NotAFile);
            }
            let read = read_bounded(&entry.abs(cache.index.root()), cache.max_size);
            if let Err(ReadError::TooLarge { size, .. }) = &read
                && let Ok(mut found) = cache.oversized.lock()
            {
                found.push((i, *size));
            }
            Ok(match String::from_utf8(read?) {
                Ok(text) => Content::Text {
                    bom: text.starts_with('\u{feff}'),
                    text,
                },
                Err(err) => Content::Binary(err.into_bytes()),
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn text_of(content: &Content) -> Result<&str, ReadError> {
    match content {
        Content::Text { text, bom: true } => Ok(&text['\u{feff}'.len_utf8()..]),
        Content::Text { text, bom: false } => Ok(text),
        Content::Binary(_) => Err(ReadError::NotUtf8),
    }
}

fn json_of<'s>(
    slot: &'s Slot,
    i: usize,
    cache: &FileCache,
) -> Result<&'s Arc<serde_json::Value>, JsonError> {
    let text = text_of(content(slot, i, cache)?)?;
    slot.json
        .get_or_init(|| parse_json(text).map(Arc::new))
        .as_ref()
        .map_err(Clone::clone)
}

/// Parses JSON text, turning serde's error into a positioned one.
pub fn parse_json(text: &str) -> Result<serde_json::Value, JsonError> {
    // A UTF-8 byte order mark is legal in files, not in JSON text.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(body).map_err(|err| {
        let message = err.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        let (line, column) = if err.line() == 0 {
            line_column(body, body.len())
        } else {
            (
                u32::try_from(err.line()).unwrap_or(u32::MAX),
                u32::try_from(err.column()).unwrap_or(u32::MAX),
            )
        };
        JsonError::Syntax {
            line,
            column,
            message,
        }
    })
}

mod read;
#[cfg(test)]
mod tests;
mod view;

use read::{read_bounded, read_head};
use view::SlotRef;
pub use view::SourceFile;
