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
use crate::kind::{FileKind, HEAD_LEN};
use crate::text::line_column;
use crate::{Entry, EntryKind, RepoIndex, RepoPath};

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
            limits: Arc::new(limits),
        }
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
        Ok(match content(slot, &self.index.entries()[i], self)? {
            Content::Text { text, .. } => text.as_bytes(),
            Content::Binary(bytes) => bytes,
        })
    }

    /// The file as UTF-8 text, without a leading byte order mark (kept).
    pub fn text(&self, path: &RepoPath) -> Result<&str, ReadError> {
        let i = self.index.position(path).ok_or(ReadError::Missing)?;
        let slot = self.slots[i].get_or_init(Box::default);
        text_of(content(slot, &self.index.entries()[i], self)?)
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
        json_of(slot, &self.index.entries()[i], self)
    }
}

enum SlotRef<'a> {
    Kept(&'a Slot),
    Owned(Box<Slot>),
}

/// One file as a rule reads it: its entry, kind, bytes, text, JSON and derived values, each
/// computed at most once for the life of the view (for a kept view, of the run).
pub struct SourceFile<'a> {
    cache: &'a FileCache,
    position: usize,
    slot: SlotRef<'a>,
}

impl<'a> SourceFile<'a> {
    /// The readers' budgets of the run (`[limits]`): parse this file within them.
    pub fn limits(&self) -> &'a Limits {
        &self.cache.limits
    }

    fn slot(&self) -> &Slot {
        match &self.slot {
            SlotRef::Kept(s) => s,
            SlotRef::Owned(s) => s,
        }
    }

    /// The walked entry.
    pub fn entry(&self) -> &'a Entry {
        &self.cache.index.entries()[self.position]
    }

    /// The repository path.
    pub fn path(&self) -> &'a RepoPath {
        &self.entry().path
    }

    /// What the file is.
    pub fn kind(&self) -> FileKind {
        self.cache.kind_at(self.position)
    }

    /// The file's bytes, byte order mark included.
    pub fn bytes(&self) -> Result<&[u8], ReadError> {
        Ok(match content(self.slot(), self.entry(), self.cache)? {
            Content::Text { text, .. } => text.as_bytes(),
            Content::Binary(bytes) => bytes,
        })
    }

    /// The file as UTF-8 text, without a leading byte order mark: offsets into it are the
    /// offsets rules report positions from.
    pub fn text(&self) -> Result<&str, ReadError> {
        text_of(content(self.slot(), self.entry(), self.cache)?)
    }

    /// The file parsed as JSON.
    pub fn json(&self) -> Result<&serde_json::Value, JsonError> {
        json_of(self.slot(), self.entry(), self.cache).map(|doc| &**doc)
    }

    /// A value derived from the file's text by `derive` (a lexed script, a parsed document),
    /// computed once per view and type `T` however many rules ask: the first caller derives,
    /// concurrent callers wait for it.
    pub fn derived<T, F>(&self, derive: F) -> Result<Arc<T>, ReadError>
    where
        T: Any + Send + Sync,
        F: FnOnce(&str) -> T,
    {
        let text = self.text()?;
        let cell = {
            let mut slots = match self.slot().derived.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            let id = TypeId::of::<T>();
            match slots.iter().find(|(t, _)| *t == id) {
                Some((_, cell)) => cell.clone(),
                None => {
                    let cell = Derived::default();
                    slots.push((id, cell.clone()));
                    cell
                }
            }
        };
        let value = cell.get_or_init(|| Arc::new(derive(text)) as Arc<dyn Any + Send + Sync>);
        // The cell is keyed by TypeId::of::<T>(), so the downcast always succeeds.
        Ok(value
            .clone()
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable_type()))
    }
}

#[cold]
fn unreachable_type<T>() -> T {
    unreachable!("a derived slot holds a value of another type")
}

/// The content of a slot, read (and UTF-8 checked) on first use.
fn content<'s>(slot: &'s Slot, entry: &Entry, cache: &FileCache) -> Result<&'s Content, ReadError> {
    let max_size = cache.max_size;
    slot.content
        .get_or_init(|| {
            if entry.kind != EntryKind::File {
                return Err(ReadError::NotAFile);
            }
            if entry.size > max_size {
                return Err(ReadError::TooLarge {
                    size: entry.size,
                    limit: max_size,
                });
            }
            let bytes = read_bounded(&entry.abs(cache.index.root()), max_size, entry.size)?;
            Ok(match String::from_utf8(bytes) {
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
    entry: &Entry,
    cache: &FileCache,
) -> Result<&'s Arc<serde_json::Value>, JsonError> {
    let text = text_of(content(slot, entry, cache)?)?;
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

/// Reads at most `limit + 1` bytes, so a file that grew after the walk cannot blow memory.
///
/// The buffer starts at `size` (the walk's size of the file) so that a file that did not
/// change is read into a buffer of exactly its length: growing from empty would leave up to
/// half of every kept file's buffer unused for the whole run.
fn read_bounded(path: &std::path::Path, limit: u64, size: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = open_regular(path)?;
    let mut buf = Vec::with_capacity(usize::try_from(size.min(limit)).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    let size = u64::try_from(buf.len()).unwrap_or(u64::MAX);
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    // A file that grew since the walk was read into a grown buffer: give the excess back.
    buf.shrink_to_fit();
    Ok(buf)
}

/// The first [`HEAD_LEN`] bytes of a file, for its kind.
fn read_head(path: &std::path::Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = open_regular(path)?;
    let mut buf = Vec::with_capacity(HEAD_LEN);
    file.take(HEAD_LEN as u64)
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    Ok(buf)
}

/// Opens a path that the walk saw as a regular file, refusing anything else it may have
/// become since (a FIFO swapped in would block the read forever).
///
/// On Unix the file is opened with `O_NOFOLLOW | O_NONBLOCK` (POSIX `open`) and checked with
/// `fstat`: a symlink swapped in fails to open (`ELOOP`), a FIFO opens without blocking and
/// is refused by its type, and the path is looked up once. (An `lstat` before the `open`
/// looked it up twice: 6% of a run's CPU at 20,000 files, and racy besides.)
#[cfg(unix)]
fn open_regular(path: &std::path::Path) -> Result<std::fs::File, ReadError> {
    use nix::errno::Errno;
    use nix::fcntl::OFlag;
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags((OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK).bits())
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(Errno::ELOOP as i32) {
                ReadError::NotAFile
            } else {
                ReadError::Io(e.to_string())
            }
        })?;
    let meta = file.metadata().map_err(|e| ReadError::Io(e.to_string()))?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotAFile);
    }
    Ok(file)
}

/// See the Unix version; elsewhere an `lstat`, then an `open`.
#[cfg(not(unix))]
fn open_regular(path: &std::path::Path) -> Result<std::fs::File, ReadError> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| ReadError::Io(e.to_string()))?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotAFile);
    }
    std::fs::File::open(path).map_err(|e| ReadError::Io(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestRepo;
    use crate::{RepoIndex, WalkOptions};

    fn cache(repo: &TestRepo, limit: u64) -> FileCache {
        let index = RepoIndex::build(repo.path(), &WalkOptions::default()).unwrap();
        FileCache::new(Arc::new(index), limit)
    }

    #[test]
    fn reads_text_and_json_once() {
        let repo = TestRepo::new()
            .file("a.json", "{\"k\": 1}")
            .file("bad.json", "{\n  \"k\": ,\n}");
        let c = cache(&repo, 1024);
        let p = RepoPath::new("a.json");
        assert_eq!(c.json(&p).unwrap()["k"], 1);
        assert!(std::ptr::eq(c.json(&p).unwrap(), c.json(&p).unwrap()));
        match c.json(&RepoPath::new("bad.json")).unwrap_err() {
            JsonError::Syntax { line, column, .. } => assert_eq!((line, column), (2, 8)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_big_dirs_and_missing() {
        let repo = TestRepo::new().file("big.txt", "0123456789").dir("d");
        let c = cache(&repo, 4);
        assert!(matches!(
            c.bytes(&RepoPath::new("big.txt")),
            Err(ReadError::TooLarge { .. })
        ));
        assert_eq!(c.bytes(&RepoPath::new("d")), Err(ReadError::NotAFile));
        assert_eq!(c.bytes(&RepoPath::new("nope")), Err(ReadError::Missing));
    }

    #[test]
    fn non_utf8_text_is_an_error_not_a_panic() {
        let repo = TestRepo::new().bytes("x.txt", &[0xff, 0xfe, b'a']);
        let c = cache(&repo, 1024);
        assert_eq!(c.text(&RepoPath::new("x.txt")), Err(ReadError::NotUtf8));
    }

    #[test]
    fn the_byte_order_mark_is_removed_once() {
        let repo = TestRepo::new()
            .file("a.json", "\u{feff}{\"k\": 1}")
            .script("bin/run", "\u{feff}#!/bin/sh\necho\n");
        let c = cache(&repo, 1024);
        let p = RepoPath::new("a.json");
        assert_eq!(c.text(&p).unwrap(), "{\"k\": 1}");
        assert_eq!(c.bytes(&p).unwrap().len(), 11);
        assert_eq!(c.json(&p).unwrap()["k"], 1);
        assert_eq!(c.kind(&RepoPath::new("bin/run")), FileKind::Shell);
        assert_eq!(c.kind(&p), FileKind::Json);
    }

    #[test]
    fn transient_views_share_derived_values_and_drop_them() {
        let repo = TestRepo::new().file("a.sh", "echo hi\n");
        let c = cache(&repo, 1024);
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let count = |t: &str| {
            calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            t.len()
        };
        let view = c.transient(0);
        assert_eq!(*view.derived(count).unwrap(), 8);
        assert_eq!(*view.derived(count).unwrap(), 8);
        drop(view);
        // A new transient view of a file that was never kept reads and derives again.
        assert_eq!(*c.transient(0).derived(count).unwrap(), 8);
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 2);
        // Once kept, transient views share the kept content.
        assert_eq!(
            *c.source(&RepoPath::new("a.sh"))
                .unwrap()
                .derived(count)
                .unwrap(),
            8
        );
        assert_eq!(*c.transient(0).derived(count).unwrap(), 8);
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 3);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_or_fifo_swapped_in_after_the_walk_is_refused() {
        let repo = TestRepo::new().file("a.txt", "a\n").file("b.txt", "b\n");
        let c = cache(&repo, 1024);
        let a = repo.path().join("a.txt");
        std::fs::remove_file(&a).unwrap();
        std::os::unix::fs::symlink(repo.path().join("b.txt"), &a).unwrap();
        assert_eq!(c.bytes(&RepoPath::new("a.txt")), Err(ReadError::NotAFile));
        let b = repo.path().join("b.txt");
        std::fs::remove_file(&b).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(&b)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(c.bytes(&RepoPath::new("b.txt")), Err(ReadError::NotAFile));
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_never_opened() {
        let repo = TestRepo::new().dir("ops");
        let fifo = repo.path().join("ops/manifest.json");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let c = cache(&repo, 1024);
        let p = RepoPath::new("ops/manifest.json");
        assert_eq!(c.kind(&p), FileKind::Other);
        assert!(matches!(
            c.json(&p),
            Err(JsonError::Read(ReadError::NotAFile))
        ));
    }
}
