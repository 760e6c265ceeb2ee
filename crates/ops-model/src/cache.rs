//! The file cache: each file's bytes, text and parsed JSON, read at most once per run and
//! shared by every rule on every thread.

use std::sync::{Arc, OnceLock};

use thiserror::Error;

use crate::text::line_column;
use crate::{EntryKind, RepoIndex, RepoPath};

/// Why a file's content is not available.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("not found in the walked tree")]
    Missing,
    #[error("not a regular file")]
    NotAFile,
    #[error("file is {size} bytes, over the {limit}-byte limit (limits.max_file_size)")]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot read: {0}")]
    Io(String),
    #[error("not valid UTF-8 text")]
    NotUtf8,
}

/// Why a file's JSON is not available.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum JsonError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("invalid JSON at {line}:{column}: {message}")]
    Syntax {
        line: u32,
        column: u32,
        message: String,
    },
}

/// A file's content, decoded once: UTF-8 text is kept as a `String` so `text` never
/// validates it again; anything else stays bytes.
enum Content {
    Text(String),
    Binary(Vec<u8>),
}

#[derive(Default)]
struct Slot {
    content: OnceLock<Result<Content, ReadError>>,
    json: OnceLock<Result<serde_json::Value, JsonError>>,
}

/// Lazily read file contents for every regular file of a [`RepoIndex`].
///
/// Files are read only when a rule asks, and only once; FIFOs, sockets, devices and symlinks
/// are never opened.
pub struct FileCache {
    index: Arc<RepoIndex>,
    slots: Vec<Slot>,
    max_size: u64,
}

impl FileCache {
    pub fn new(index: Arc<RepoIndex>, max_size: u64) -> Self {
        let slots = index.entries().iter().map(|_| Slot::default()).collect();
        FileCache {
            index,
            slots,
            max_size,
        }
    }

    pub fn index(&self) -> &RepoIndex {
        &self.index
    }

    /// The slot of `path` with its content, read (and UTF-8 checked) on first use.
    fn content(&self, path: &RepoPath) -> Result<(&Slot, &Content), ReadError> {
        let i = self.index.position(path).ok_or(ReadError::Missing)?;
        let slot = &self.slots[i];
        let entry = &self.index.entries()[i];
        let content = slot
            .content
            .get_or_init(|| {
                if entry.kind != EntryKind::File {
                    return Err(ReadError::NotAFile);
                }
                if entry.size > self.max_size {
                    return Err(ReadError::TooLarge {
                        size: entry.size,
                        limit: self.max_size,
                    });
                }
                let bytes = read_bounded(&entry.abs, self.max_size)?;
                Ok(match String::from_utf8(bytes) {
                    Ok(text) => Content::Text(text),
                    Err(err) => Content::Binary(err.into_bytes()),
                })
            })
            .as_ref()
            .map_err(Clone::clone)?;
        Ok((slot, content))
    }

    /// The file's bytes.
    pub fn bytes(&self, path: &RepoPath) -> Result<&[u8], ReadError> {
        Ok(match self.content(path)?.1 {
            Content::Text(text) => text.as_bytes(),
            Content::Binary(bytes) => bytes,
        })
    }

    /// The file as UTF-8 text.
    pub fn text(&self, path: &RepoPath) -> Result<&str, ReadError> {
        match self.content(path)?.1 {
            Content::Text(text) => Ok(text),
            Content::Binary(_) => Err(ReadError::NotUtf8),
        }
    }

    /// The file parsed as JSON.
    pub fn json(&self, path: &RepoPath) -> Result<&serde_json::Value, JsonError> {
        let (slot, content) = self.content(path)?;
        let Content::Text(text) = content else {
            return Err(ReadError::NotUtf8.into());
        };
        slot.json
            .get_or_init(|| parse_json(text))
            .as_ref()
            .map_err(Clone::clone)
    }
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
fn read_bounded(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io(e.to_string()))?;
    let mut buf = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    let size = u64::try_from(buf.len()).unwrap_or(u64::MAX);
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    Ok(buf)
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
}
