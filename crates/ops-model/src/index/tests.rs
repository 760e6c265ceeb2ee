use super::*;
use crate::ModelError;
use crate::testing::TestRepo;

fn build(repo: &TestRepo) -> RepoIndex {
    RepoIndex::build(repo.path(), &WalkOptions::default()).unwrap()
}

fn paths(index: &RepoIndex) -> Vec<&str> {
    index.entries().iter().map(|e| e.path.as_str()).collect()
}

#[test]
fn walks_hidden_files_sorted_and_skips_git() {
    let repo = TestRepo::new()
        .file("b/x.txt", "x")
        .file("a/.hidden", "h")
        .file(".git/config", "")
        .file("a-b", "");
    let index = build(&repo);
    // Plain string order: `-` sorts before `/`.
    assert_eq!(paths(&index), ["a", "a-b", "a/.hidden", "b", "b/x.txt"]);
    assert_eq!(
        index
            .descendants("a")
            .iter()
            .map(|e| e.path.as_str())
            .collect::<Vec<_>>(),
        ["a/.hidden"]
    );
    assert_eq!(index.children("").count(), 3);
    assert_eq!(index.get("b/x.txt").unwrap().kind, EntryKind::File);
}

#[test]
fn honours_gitignore_unless_told_not_to() {
    let repo = TestRepo::new()
        .file(".gitignore", "out/\n")
        .file("out/a.log", "")
        .file("keep.txt", "");
    assert!(!build(&repo).contains("out/a.log"));
    let all = RepoIndex::build(
        repo.path(),
        &WalkOptions {
            respect_ignore: false,
            threads: 2,
            ..WalkOptions::default()
        },
    )
    .unwrap();
    assert!(all.contains("out/a.log"));
}

#[test]
fn excluded_trees_leave_nothing_behind() {
    let repo = TestRepo::new()
        .file("ops/k8s/tests/fixtures/bad/x.json", "{}")
        .file("ops/k8s/tests/test_a.sh", "")
        .file("a/testdata/b", "");
    let exclude = PathGlobs::new(&["**/fixtures/**".into(), "**/testdata/**".into()]).unwrap();
    let index = RepoIndex::build(
        repo.path(),
        &WalkOptions {
            exclude: exclude.clone(),
            ..WalkOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        paths(&index),
        [
            "a",
            "ops",
            "ops/k8s",
            "ops/k8s/tests",
            "ops/k8s/tests/test_a.sh"
        ]
    );
    assert!(is_excluded(&exclude, "x/fixtures", true));
    assert!(!is_excluded(&exclude, "x/fixtures", false));
    assert!(!is_excluded(&exclude, "ops-fixtures/x", false));
}

#[test]
fn tracked_files_are_in_whatever_gitignore_says() {
    let repo = TestRepo::new()
        .file(".gitignore", "*.log\nevidence/\n")
        .file("ops/_generated/render.log", "log")
        .file("ops/load/evidence/run-1.json", "{}")
        .file("ops/load/evidence/untracked.json", "{}");
    let mut index = build(&repo);
    assert!(!index.contains("ops/_generated/render.log"));
    let tracked = [
        RepoPath::new("ops/_generated/render.log"),
        RepoPath::new("ops/load/evidence/run-1.json"),
        RepoPath::new("ops/gone.txt"),
    ];
    index.add_tracked(tracked.iter(), &PathGlobs::default());
    assert!(index.is_file("ops/_generated/render.log"));
    assert!(index.is_file("ops/load/evidence/run-1.json"));
    assert!(index.is_dir("ops/load/evidence"));
    assert!(!index.contains("ops/load/evidence/untracked.json"));
    assert!(!index.contains("ops/gone.txt"));
    let sorted = paths(&index);
    let mut expected = sorted.clone();
    expected.sort();
    assert_eq!(sorted, expected);
}

#[test]
fn records_symlinks_without_following_them() {
    let outside = TestRepo::new().file("secret/x", "");
    let repo = TestRepo::new()
        .file("real/f.txt", "")
        .symlink("link-dir", "real")
        .symlink("loop-a", "loop-b")
        .symlink("loop-b", "loop-a")
        .symlink("dangling", "nowhere")
        .symlink("out", outside.path().join("secret").to_str().unwrap())
        .symlink("up", "../..");
    let index = build(&repo);
    let link = |p: &str| index.get(p).unwrap().link.clone().unwrap();
    assert_eq!(link("link-dir").points_to, LinkTarget::Dir);
    assert!(!link("link-dir").escapes_root);
    assert_eq!(link("loop-a").points_to, LinkTarget::Loop);
    assert_eq!(link("dangling").points_to, LinkTarget::Dangling);
    assert!(link("out").escapes_root);
    assert!(link("up").escapes_root);
    // Nothing below a symlinked directory is walked.
    assert!(!index.contains("link-dir/f.txt"));
}

#[test]
fn fifo_is_listed_not_opened() {
    let repo = TestRepo::new().dir("ops");
    let fifo = repo.path().join("ops/pipe");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this machine
    }
    let index = build(&repo);
    assert_eq!(index.get("ops/pipe").unwrap().kind, EntryKind::Other);
}

#[test]
fn non_utf8_names_are_kept_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let repo = TestRepo::new().dir("ops");
    let name = std::ffi::OsStr::from_bytes(b"bad-\xff.sh");
    std::fs::write(repo.path().join("ops").join(name), "").unwrap();
    let index = build(&repo);
    let entry = index.files_under("ops").next().unwrap();
    assert!(entry.lossy);
    assert_eq!(entry.path.as_str(), "ops/bad-\u{fffd}.sh");
    assert!(entry.abs(index.root()).exists());
}

#[test]
fn missing_root_is_an_error() {
    let err = RepoIndex::build(Path::new("/no/such/dir"), &WalkOptions::default());
    assert!(matches!(err, Err(ModelError::RootNotFound { .. })));
}

#[test]
fn an_index_built_by_hand_reads_below_its_root() {
    let repo = TestRepo::new().file("ops/a.sh", "echo\n");
    let entries = vec![
        Entry::new(RepoPath::new("ops/a.sh"), EntryKind::File, None),
        Entry::new(RepoPath::new("ops"), EntryKind::Dir, None),
    ];
    let index = RepoIndex::from_entries(repo.path().to_path_buf(), entries);
    assert_eq!(paths(&index), ["ops", "ops/a.sh"]);
    let entry = index.get("ops/a.sh").unwrap();
    assert_eq!(entry.abs(index.root()), repo.path().join("ops/a.sh"));
    assert!(!entry.lossy && entry.is_file());
}

proptest::proptest! {
    /// A lookup finds the first entry of the path in sorted order, as a binary search of
    /// the sorted entries does, and nothing for a path that was not walked.
    #[test]
    fn lookups_find_the_first_entry_of_a_path(
        paths in proptest::collection::vec("[ab]{1,2}(/[ab]{1,2}){0,2}", 0..12),
        asked in proptest::collection::vec("[abc]{1,2}(/[ab]{1,2}){0,2}", 0..8),
    ) {
        let entries: Vec<Entry> = paths
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let kind = if i % 2 == 0 { EntryKind::File } else { EntryKind::Dir };
                Entry::new(RepoPath::new(p), kind, None)
            })
            .collect();
        let index = RepoIndex::from_entries(PathBuf::from("/x"), entries);
        for path in paths.iter().chain(&asked) {
            let sorted = index.entries();
            let first = sorted.partition_point(|e| e.path.as_str() < path.as_str());
            let want = (sorted.get(first).is_some_and(|e| e.path.as_str() == path)).then_some(first);
            proptest::prop_assert_eq!(index.position(&RepoPath::new(path)), want);
            proptest::prop_assert_eq!(
                index.get(path).map(|e| e.kind),
                want.map(|i| sorted[i].kind)
            );
        }
    }
}
