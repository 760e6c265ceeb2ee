//! A builder for small repositories on disk, for tests of rules and of the driver.
//!
//! ```
//! use ops_model::testing::TestRepo;
//! let repo = TestRepo::new()
//!     .file("ops/INDEX.md", "# ops\n")
//!     .dir("ops/stack");
//! let cx = repo.context();
//! assert!(cx.index().is_dir("ops/stack"));
//! ```

use std::path::{Path, PathBuf};

use crate::{Contract, Finding, RepoIndex, RunContext, WalkOptions};

/// A temporary repository tree, removed when dropped.
pub struct TestRepo {
    dir: tempfile::TempDir,
}

impl Default for TestRepo {
    fn default() -> Self {
        Self::new()
    }
}

#[allow(clippy::expect_used)] // test support: a failure to set up a temp tree is a test bug
impl TestRepo {
    /// An empty tree in a new temporary directory.
    pub fn new() -> TestRepo {
        TestRepo {
            dir: tempfile::Builder::new()
                .prefix("ops-check-test")
                .tempdir()
                .expect("create temp dir"),
        }
    }

    /// A copy of the tree at `dir` (a fixture), to check or to break without touching it.
    /// Symlinks are copied as symlinks, never followed.
    pub fn copy_of(dir: &Path) -> TestRepo {
        let repo = TestRepo::new();
        copy_tree(dir, repo.path());
        repo
    }

    /// The root of the tree.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn abs(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn parent_dirs(&self, rel: &str) {
        if let Some(parent) = self.abs(rel).parent() {
            std::fs::create_dir_all(parent).expect("create parent dirs");
        }
    }

    /// Writes a text file (creating parent directories).
    pub fn file(self, rel: &str, text: &str) -> TestRepo {
        self.bytes(rel, text.as_bytes())
    }

    /// Writes a file with arbitrary bytes.
    pub fn bytes(self, rel: &str, bytes: &[u8]) -> TestRepo {
        self.parent_dirs(rel);
        std::fs::write(self.abs(rel), bytes).expect("write file");
        self
    }

    /// Writes an executable script.
    pub fn script(self, rel: &str, text: &str) -> TestRepo {
        let repo = self.file(rel, text);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(repo.abs(rel), std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
        }
        repo
    }

    /// Creates a directory (and its parents).
    pub fn dir(self, rel: &str) -> TestRepo {
        std::fs::create_dir_all(self.abs(rel)).expect("create dir");
        self
    }

    /// Creates a symlink at `rel` whose text is `target`.
    #[cfg(unix)]
    pub fn symlink(self, rel: &str, target: &str) -> TestRepo {
        self.parent_dirs(rel);
        std::os::unix::fs::symlink(target, self.abs(rel)).expect("symlink");
        self
    }

    /// Writes a file named by raw bytes (a name that need not be UTF-8) in directory `dir`.
    #[cfg(unix)]
    pub fn raw_name(self, dir: &str, name: &[u8], text: &str) -> TestRepo {
        use std::os::unix::ffi::OsStrExt;
        let dir = self.abs(dir);
        std::fs::create_dir_all(&dir).expect("create dir");
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(name)), text).expect("write file");
        self
    }

    /// A copy of the fixture tree `ops-fixtures/<name>` of this workspace (`conforming`,
    /// `legacy`, `violations/LAY001`, ...).
    pub fn fixture(name: &str) -> TestRepo {
        TestRepo::copy_of(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../ops-fixtures")
                .join(name),
        )
    }

    /// Rewrites the file `rel` with `edit`, asserting that the edit changes it (so a test
    /// whose fixture moved on fails loudly instead of testing nothing).
    #[allow(clippy::expect_used)] // test support: a missing fixture file is a test failure
    pub fn edit(&self, rel: &str, edit: impl FnOnce(String) -> String) {
        let path = self.abs(rel);
        let text = std::fs::read_to_string(&path).expect("read file to edit");
        let edited = edit(text.clone());
        assert_ne!(
            text, edited,
            "{rel} changed in the fixture; update this test"
        );
        std::fs::write(&path, edited).expect("write edited file");
    }

    /// `git add -f path`: a tracked file that `.gitignore` matches, as `git add -f` leaves
    /// it (the tree must be a git repository already).
    pub fn force_add(&self, path: &str) {
        self.git(&["add", "-f", path]);
    }

    /// Every finding of `rules` on the tree as the engine opens it (the config discovered
    /// from the root, one walk plus `git ls-files`), one line each:
    /// `CODE Severity path:line: message` (no `:line` without a span).
    #[allow(clippy::expect_used)] // test support: a config or walk failure is a test failure
    pub fn rule_lines(&self, rules: &[&dyn crate::Rule]) -> Vec<String> {
        let (contract, _) = Contract::discover(self.path()).expect("config");
        let (run, _) = RunContext::open(self.path(), contract, &crate::run::OpenOptions::default())
            .expect("open");
        rules
            .iter()
            .flat_map(|r| run.run(*r))
            .map(|f| {
                let line = f.span.map(|s| format!(":{}", s.line)).unwrap_or_default();
                format!(
                    "{} {:?} {}{line}: {}",
                    f.code, f.severity, f.path, f.message
                )
            })
            .collect()
    }

    /// Makes the tree a git repository with everything in it committed.
    pub fn git_commit_all(self) -> TestRepo {
        self.git(&["init", "-q"]);
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", "tree"]);
        self
    }

    /// Runs git in the tree with a fixed identity and without the user's or the system's git
    /// config, so that tests behave the same on every machine.
    fn git(&self, args: &[&str]) {
        let status = std::process::Command::new("git")
            .arg("-C")
            .arg(self.path())
            .args(args)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    /// Builds the index and a context with the default contract.
    pub fn context(&self) -> TestContext {
        self.context_with(Contract::default())
    }

    /// Builds the index and a context with `contract`.
    pub fn context_with(&self, contract: Contract) -> TestContext {
        let walk = WalkOptions {
            exclude: contract.exclude.clone(),
            ..WalkOptions::default()
        };
        let index = RepoIndex::build(self.path(), &walk).expect("walk");
        RunContext::new(contract, index)
    }
}

#[allow(clippy::expect_used)] // test support: a failure to copy a fixture is a test bug
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("read fixture entry");
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("fixture entry type");
        if kind.is_dir() {
            std::fs::create_dir_all(&target).expect("create dir");
            copy_tree(&entry.path(), &target);
        } else if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(
                std::fs::read_link(entry.path()).expect("read link"),
                &target,
            )
            .expect("symlink");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Everything a [`crate::CheckContext`] borrows, for tests: the same [`RunContext`] the
/// engine uses.
pub type TestContext = RunContext;

/// Findings as `path: message` lines, for tests that also look at other fields.
pub fn finding_lines(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{}: {}", f.path, f.display_message()))
        .collect()
}
