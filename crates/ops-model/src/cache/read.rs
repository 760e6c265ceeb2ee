//! Reading a file the walk saw: bounded in size, opened without following a symlink and
//! without blocking on a FIFO swapped in since the walk.

use super::ReadError;
use crate::kind::HEAD_LEN;

/// Reads a file of at most `limit` bytes: a larger one (by `fstat`, or by what a read
/// returns, if it grew since) is [`ReadError::TooLarge`] with its size. At most
/// `limit + 1` bytes are ever read, so a file that grows while it is read cannot blow memory.
///
/// The buffer starts at the file's `fstat` size so that a file that does not change is
/// read into a buffer of exactly its length: growing from empty would leave up to half of
/// every kept file's buffer unused for the whole run.
pub(super) fn read_bounded(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    let size = u64::try_from(buf.len()).unwrap_or(u64::MAX);
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    // A file that grew since its `fstat` was read into a grown buffer: give the excess back.
    buf.shrink_to_fit();
    Ok(buf)
}

/// The first [`HEAD_LEN`] bytes of a file, for its kind.
pub(super) fn read_head(path: &std::path::Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let (file, _) = open_regular(path)?;
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
/// looked it up twice: 6% of a run's CPU at 20,000 files, and racy besides.) Returns the file
/// and its size in bytes (`st_size`).
#[cfg(unix)]
fn open_regular(path: &std::path::Path) -> Result<(std::fs::File, u64), ReadError> {
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
    Ok((file, meta.len()))
}

/// See the Unix version; elsewhere an `lstat`, then an `open`.
#[cfg(not(unix))]
fn open_regular(path: &std::path::Path) -> Result<(std::fs::File, u64), ReadError> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| ReadError::Io(e.to_string()))?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotAFile);
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io(e.to_string()))?;
    Ok((file, meta.len()))
}
