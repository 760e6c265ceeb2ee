//! The `Rule` trait, rule metadata and the context a rule checks against.

use std::any::Any;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::cache::SourceFile;
use crate::{
    BaseRevision, Contract, Entry, FileCache, FileKind, Finding, GitFacts, RepoIndex, RepoPath,
    Severity, SharedState,
};

/// Everything that describes a rule, kept next to its code (see [`declare_rule!`](crate::declare_rule)).
///
/// The rule pages in `docs/rules/`, `ops-check rules` and `ops-check explain` are all rendered
/// from this one struct.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `ART001`. Never renumbered once released.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `evidence-location`.
    pub slug: &'static str,
    /// The contract clause the rule enforces, quoted.
    pub clause: &'static str,
    /// Default severity; `[severity]` in the config may change it.
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// Markdown with the sections `## What`, `## Why` and `## Fix` (and optionally more).
    pub explanation: &'static str,
    /// The reader budgets the rule works within: names of `[limits]` tables (`"shell"`,
    /// `"make"`, `"yaml"`, `"python"`, `"schema"`), listed on its page. Empty for rules
    /// that read only paths or plain text (bounded by `limits.max_file_size` alone).
    pub budgets: &'static [&'static str],
}

impl RuleMeta {
    /// The family prefix of the code (`ART` for `ART001`).
    pub fn group(&self) -> &'static str {
        let end = self
            .code
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(self.code.len());
        &self.code[..end]
    }
}

/// Declares a rule: a unit struct plus its [`RuleMeta`] as the associated const `META`.
///
/// ```
/// use ops_model::{declare_rule, CheckContext, Finding, Rule, RuleMeta};
///
/// declare_rule! {
///     /// Says hello.
///     pub Hello {
///         code: "XMP001",
///         slug: "hello",
///         clause: "Every repository says hello.",
///         severity: Warning,
///         summary: "the repository says hello",
///         explanation: "## What\nx\n## Why\ny\n## Fix\nz\n",
///     }
/// }
///
/// impl Rule for Hello {
///     fn meta(&self) -> &'static RuleMeta {
///         &Self::META
///     }
///     fn check(&self, _cx: &CheckContext<'_>) -> Vec<Finding> {
///         Vec::new()
///     }
/// }
/// assert_eq!(Hello::META.code, "XMP001");
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[$attr:meta])*
        $vis:vis $name:ident {
            code: $code:literal,
            slug: $slug:literal,
            clause: $clause:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            $(budgets: [$($budget:literal),* $(,)?],)?
            explanation: $explanation:expr $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;

        impl $name {
            /// This rule's metadata.
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                code: $code,
                slug: $slug,
                clause: $clause,
                severity: $crate::Severity::$severity,
                summary: $summary,
                explanation: $explanation,
                budgets: &[$($($budget),*)?],
            };
        }
    };
}

/// How the check runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckMode {
    /// `check --runtime`: after an operator run, untracked and ignored files are facts too.
    pub runtime: bool,
}

/// What a rule sees. Everything is read-only and shared across threads.
///
/// Build one with [`crate::RunContext::cx`]; the engine, `gen` and the tests all do.
#[derive(Clone, Copy)]
pub struct CheckContext<'a> {
    /// The effective contract.
    pub contract: &'a Contract,
    /// The walked tree.
    pub index: &'a RepoIndex,
    /// File contents, read at most once.
    pub files: &'a FileCache,
    /// `None` when the root is not inside a git work tree (or git is unavailable); rules that
    /// need git facts then say so once, at `info`, and check what they can without them.
    pub git: Option<&'a GitFacts>,
    /// How the check runs.
    pub mode: &'a CheckMode,
    /// Per-run state shared between the rules of one family (e.g. the compiled schemas).
    pub shared: &'a SharedState,
    /// `check --base REV`: files as they were at that revision (SCH006 compares schemas
    /// with it); `None` without `--base`.
    pub base: Option<&'a BaseRevision>,
    /// What the per-file scan pass kept for each rule ([`Rule::scan_file`]).
    pub scans: &'a Scans,
}

impl<'a> CheckContext<'a> {
    /// The facts of type `T` that `rule`'s [`Rule::scan_file`] kept, with the file each
    /// came from, in path order. Empty outside a run (a bare context scans nothing).
    pub fn facts<T: Any>(&self, rule: &RuleMeta) -> impl Iterator<Item = (&'a RepoPath, &'a T)> {
        let entries = self.index.entries();
        self.scans
            .of(rule.code)
            .iter()
            .filter_map(move |(i, facts)| {
                let facts = facts.as_ref()?.downcast_ref::<T>()?;
                Some((&entries.get(*i)?.path, facts))
            })
    }
}

/// A file offered to [`Rule::wants`]: its entry, and its kind on request.
#[derive(Clone, Copy)]
pub struct FileInfo<'a> {
    /// The file.
    pub entry: &'a Entry,
    pub(crate) position: usize,
    pub(crate) files: &'a FileCache,
}

impl<'a> FileInfo<'a> {
    /// The file's path, relative to the root.
    pub fn path(&self) -> &'a RepoPath {
        &self.entry.path
    }

    /// The file's kind: from its name, or (for a name without an extension) its first bytes.
    pub fn kind(&self) -> FileKind {
        self.files.kind_at(self.position)
    }
}

/// What [`Rule::scan_file`] keeps from one file: findings, and facts for [`Rule::check`].
#[derive(Default)]
pub struct ScanOutput {
    /// Findings about the file.
    pub findings: Vec<Finding>,
    /// Facts for [`Rule::check`], if any.
    pub facts: Option<Box<dyn Any + Send + Sync>>,
}

impl ScanOutput {
    /// Adds a finding.
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Keeps `facts` for [`CheckContext::facts`]. Keep them small: the point of the scan
    /// pass is that a file's text does not outlive its scan.
    pub fn keep<T: Any + Send + Sync>(&mut self, facts: T) {
        self.facts = Some(Box::new(facts));
    }
}

/// Facts one rule kept from one file.
pub(crate) type KeptFacts = Option<Box<dyn Any + Send + Sync>>;

/// The scan pass's results: for each rule code, the (entry position, facts) of every file
/// that kept any, in path order.
#[derive(Default)]
pub struct Scans {
    by_rule: BTreeMap<&'static str, Vec<(usize, KeptFacts)>>,
}

impl Scans {
    /// No scan results (a context outside a run).
    pub fn empty() -> &'static Scans {
        static EMPTY: OnceLock<Scans> = OnceLock::new();
        EMPTY.get_or_init(Scans::default)
    }

    fn of(&self, code: &str) -> &[(usize, KeptFacts)] {
        self.by_rule.get(code).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn insert(&mut self, code: &'static str, facts: Vec<(usize, KeptFacts)>) {
        self.by_rule.insert(code, facts);
    }
}

/// One executable clause of the contract.
///
/// A rule has up to two parts, both pure (no printing, no file system, process or clock;
/// everything through the context) and both allowed to run on any thread:
///
/// - a per-file part, [`Rule::wants`] and [`Rule::scan_file`]: the driver reads each file
///   once, in parallel, and offers it to every rule that wants it while it is in memory;
///   the rule reports findings about that file and keeps small facts. Most rules that read
///   file contents are this: it is what keeps a large run fast and its memory small.
/// - [`Rule::check`], run once after the scan pass, for what needs the whole tree: facts
///   kept by the scan ([`CheckContext::facts`]), the index, a few files read by name.
///
/// Neither may panic (the driver turns a panic into an internal-error finding anyway).
pub trait Rule: Send + Sync {
    /// The rule's metadata (from [`declare_rule!`](crate::declare_rule)).
    fn meta(&self) -> &'static RuleMeta;

    /// Whether [`Rule::scan_file`] reads `file`: decided from its path and kind, before the
    /// file is read. The default reads nothing.
    fn wants(&self, _cx: &CheckContext<'_>, _file: &FileInfo<'_>) -> bool {
        false
    }

    /// The per-file part of the rule (see the trait docs). Called once for each file that
    /// [`Rule::wants`], from any thread, in any order.
    fn scan_file(&self, _cx: &CheckContext<'_>, _file: &SourceFile<'_>, _out: &mut ScanOutput) {}

    /// Starts building, beside the scan pass, a value of [`CheckContext::shared`] that
    /// [`Rule::check`] will need, with [`SharedState::prefetch`](crate::SharedState::prefetch)
    /// (which never waits). It sees no scan facts and reports nothing. Called once per run,
    /// from any thread, before or while files are scanned: a large shared value (the make
    /// database of a 200,000-target surface) is then built on one core while the other
    /// scans, instead of after the pass while every rule that needs it waits. The default
    /// does nothing.
    fn prepare(&self, _cx: &CheckContext<'_>) {}

    /// The whole-tree part of the rule, after the scan pass. Findings from the scan pass are
    /// reported as they are; `check` returns only its own.
    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding>;
}
