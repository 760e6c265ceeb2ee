//! Same tree, same bytes: the legacy fixture (439 files, findings of every family) is built
//! twice at the same path, its files created in opposite orders, and checked with `--jobs` 1, 2, 4, 8 and 16 in every
//! `--format`. Every output must be byte-identical to the first, with only the run duration
//! (`in 0.42s` in the human and concise summaries) masked.
//!
//! The trees go under `/dev/shm` when it exists: tmpfs lists a directory newest first, so the
//! two builds are listed in opposite orders. ext4 (the usual `/tmp`) lists by name hash,
//! whatever the creation order, and would not vary the order at all.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/bin.rs"]
mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use support::{bin, fixtures, run};

const FORMATS: &[&str] = &[
    "human", "concise", "json", "sarif", "junit", "github", "gitlab", "markdown",
];
const JOBS: &[&str] = &["1", "2", "4", "8", "16"];

/// Every file under `dir`, relative, in sorted order.
fn files(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The names of the root directory, in the order the file system lists them.
fn listing(dir: &Path) -> Vec<std::ffi::OsString> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect()
}

/// Copies `files` of `from` to `to` in the given order (directories created as needed).
fn build(from: &Path, to: &Path, files: &[PathBuf]) {
    if to.exists() {
        fs::remove_dir_all(to).unwrap();
    }
    for rel in files {
        let dest = to.join(rel);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::copy(from.join(rel), dest).unwrap();
    }
}

/// Replaces the run duration (` in 1.23s`) with ` in <t>s`.
fn mask_duration(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" in ") {
        out.push_str(&rest[..i + 4]);
        rest = &rest[i + 4..];
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if digits > 0 && rest[digits..].starts_with('s') {
            out.push_str("<t>");
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// Each format's output for each job count.
fn outputs(root: &Path) -> BTreeMap<(String, String), (i32, String)> {
    let mut all = BTreeMap::new();
    for format in FORMATS {
        for jobs in JOBS {
            let (code, out, err) = run(bin()
                .arg("check")
                .arg(root)
                .args(["--format", format, "--jobs", jobs])
                .current_dir(root));
            assert!(
                code == 0 || code == 1,
                "{format} -j{jobs}: exit {code}: {err}"
            );
            all.insert(
                (format.to_string(), jobs.to_string()),
                (code, mask_duration(&out)),
            );
        }
    }
    all
}

#[test]
fn same_bytes_across_jobs_formats_and_listing_order() {
    let source = fixtures().join("legacy");
    let sorted = files(&source);
    assert!(sorted.len() > 100, "the legacy fixture is there");
    let mut reversed = sorted.clone();
    reversed.reverse();

    let shm = Path::new("/dev/shm");
    let tmp = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let root = tmp.path().join("repo");
    build(&source, &root, &sorted);
    let listed_first = listing(&root);
    let first = outputs(&root);
    build(&source, &root, &reversed);
    if shm.is_dir() {
        assert_ne!(
            listing(&root),
            listed_first,
            "the two builds list differently"
        );
    }
    let second = outputs(&root);

    for format in FORMATS {
        let reference = &first[&(format.to_string(), "1".to_string())];
        assert!(!reference.1.is_empty(), "{format} printed something");
        for (order, outs) in [("sorted", &first), ("reversed", &second)] {
            for jobs in JOBS {
                let got = &outs[&(format.to_string(), jobs.to_string())];
                assert!(
                    got == reference,
                    "{format} --jobs {jobs}, {order} creation order differs from --jobs 1 sorted \
                     (exit {} vs {}):\n--- reference\n{}\n--- got\n{}",
                    reference.0,
                    got.0,
                    reference.1.chars().take(3000).collect::<String>(),
                    got.1.chars().take(3000).collect::<String>()
                );
            }
        }
    }
}

#[test]
fn duration_mask() {
    assert_eq!(
        mask_duration("failed: 3 errors in 0.42s\nin 2 files in x"),
        "failed: 3 errors in <t>s\nin 2 files in x"
    );
}
