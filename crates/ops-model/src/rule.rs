//! The `Rule` trait, rule metadata and the context a rule checks against.

use crate::{
    BaseRevision, Contract, FileCache, Finding, GitFacts, RepoIndex, Severity, SharedState,
};

/// Everything that describes a rule, kept next to its code (see [`declare_rule!`]).
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
pub struct CheckContext<'a> {
    pub contract: &'a Contract,
    pub index: &'a RepoIndex,
    pub files: &'a FileCache,
    /// `None` when the root is not inside a git work tree (or git is unavailable); rules that
    /// need git facts then say so once, at `info`, and check what they can without them.
    pub git: Option<&'a GitFacts>,
    pub mode: &'a CheckMode,
    /// Per-run state shared between the rules of one family (e.g. the compiled schemas).
    pub shared: &'a SharedState,
    /// `check --base REV`: files as they were at that revision (SCH006 compares schemas
    /// with it); `None` without `--base`.
    pub base: Option<&'a BaseRevision>,
}

/// One executable clause of the contract.
///
/// `check` must not panic (the driver turns a panic into an internal-error finding anyway),
/// must not print, and must read only through the context.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding>;
}
