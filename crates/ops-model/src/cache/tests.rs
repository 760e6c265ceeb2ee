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
fn files_found_too_large_are_listed_once_in_index_order() {
    let repo = TestRepo::new()
        .file("a.txt", "0123456789")
        .file("b.txt", "ok")
        .file("c.txt", "0123456");
    let c = cache(&repo, 4);
    assert!(
        c.oversized().is_empty(),
        "nothing is measured before it is read"
    );
    let i = |p: &str| c.index().position(&RepoPath::new(p)).unwrap();
    // Read through a transient view, then twice kept: listed once.
    assert!(c.transient(i("c.txt")).text().is_err());
    assert!(c.text(&RepoPath::new("c.txt")).is_err());
    assert!(c.text(&RepoPath::new("b.txt")).is_ok());
    assert!(c.bytes(&RepoPath::new("a.txt")).is_err());
    assert!(c.bytes(&RepoPath::new("a.txt")).is_err());
    assert_eq!(c.oversized(), [(i("a.txt"), 10), (i("c.txt"), 7)]);
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
