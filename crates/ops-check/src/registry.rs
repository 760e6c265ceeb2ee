//! Every rule of every rule crate, and the engine's own diagnostics.

use ops_model::{Rule, RuleMeta, Severity};

/// The order families are listed in: the contract's order (layout, artifacts, schemas,
/// surface, deprecation).
const FAMILIES: [&str; 5] = ["LAY", "ART", "SCH", "SUR", "DEP"];

/// All rules, by family (layout, artifacts, schemas, surface, deprecation), each family in
/// code order.
pub fn all_rules() -> Vec<&'static dyn Rule> {
    let mut rules = [
        ops_rules_layout::RULES,
        ops_rules_artifacts::RULES,
        ops_rules_schema::RULES,
        ops_rules_surface::RULES,
        ops_gen::RULES,
    ]
    .concat();
    let rank = |r: &&dyn Rule| {
        let meta = r.meta();
        let family = FAMILIES
            .iter()
            .position(|f| *f == meta.group())
            .unwrap_or(FAMILIES.len());
        (family, meta.code)
    };
    rules.sort_by_key(rank);
    rules
}

/// The metadata of every rule, in the order `ops-check rules` lists them.
pub fn all_metas() -> Vec<&'static RuleMeta> {
    all_rules().iter().map(|r| r.meta()).collect()
}

/// Looks a rule up by code (any case) or slug.
pub fn find(name: &str) -> Option<&'static RuleMeta> {
    all_metas()
        .into_iter()
        .chain(ENGINE_DIAGNOSTICS.iter().copied())
        .find(|m| m.code.eq_ignore_ascii_case(name) || m.slug == name)
}

/// A rule panicked; the run went on without its findings.
pub static INTERNAL_ERROR: RuleMeta = RuleMeta {
    code: "OPS001",
    slug: "internal-error",
    clause: "(engine) every rule runs to completion",
    severity: Severity::Error,
    summary: "a rule failed internally; its findings are missing from this report",
    explanation: "## What\n\nA rule panicked while checking the repository. The engine caught it, reported this finding naming the rule, and ran every other rule. The run exits 2 because the report is incomplete.\n\n## Why\n\nOne broken rule must not hide the findings of the others, nor crash a pre-commit hook.\n\n## Fix\n\nThis is a bug in ops-check, not in your repository. Report it with the message; meanwhile `--ignore <CODE>` skips the rule.\n",
    budgets: &[],
};

/// Part of the tree could not be read.
pub static UNREADABLE_PATH: RuleMeta = RuleMeta {
    code: "OPS002",
    slug: "unreadable-path",
    clause: "(engine) the whole tree is checked",
    severity: Severity::Error,
    summary: "part of the tree could not be read, so it was not checked",
    explanation: "## What\n\nThe walk could not read a directory or an entry (permissions, a vanished file, an I/O error). Nothing below it was checked, so the run exits 2: the report is incomplete, and a pass would be a pass of a tree ops-check never saw. Like OPS001 it is not a rule: `--select` and `--ignore` do not apply to it.\n\n## Why\n\nA check that silently skips part of the tree would pass a repository it never saw.\n\n## Fix\n\nMake the path readable by the user running ops-check, or exclude it with `.gitignore` / `.ignore` if it is not part of the repository.\n",
    budgets: &[],
};

/// A suppression that suppresses nothing.
pub static UNUSED_SUPPRESSION: RuleMeta = RuleMeta {
    code: "OPS003",
    slug: "unused-suppression",
    clause: "(engine) every suppression suppresses something",
    severity: Severity::Warning,
    summary: "a suppression comment or [[suppress]] entry suppresses nothing",
    explanation: "## What\n\nAn `ops-check: ignore[CODE] reason` or `ops-check: ignore-file[CODE] reason` comment, or a `[[suppress]]` entry of the config, names a rule that reports nothing where the suppression applies: the finding it was written for is gone (fixed, moved to another line, or reworded).\n\nA suppression is judged only when the rules it names ran: with `--select`, a comment about a rule that was not selected is left alone.\n\n## Why\n\nA suppression that outlives its finding would silently hide the next, different finding at that place. Like ruff's RUF100, ops-check reports it so suppressions only shrink.\n\n## Fix\n\nDelete the comment or the entry (or the rule from its list). When the finding moved, move the comment with it. `[severity] OPS003 = \"error\"` makes unused suppressions fail the check.\n",
    budgets: &[],
};

/// A suppression comment that cannot be read.
pub static INVALID_SUPPRESSION: RuleMeta = RuleMeta {
    code: "OPS004",
    slug: "invalid-suppression",
    clause: "(engine) every suppression names rules and a reason",
    severity: Severity::Warning,
    summary: "an ops-check suppression comment is malformed, names no rule, an unknown rule or no reason",
    explanation: "## What\n\nA comment starting with `ops-check:` is not `ignore[CODE,...] reason` or `ignore-file[CODE,...] reason`: an unknown directive, empty brackets, a rule selector that names no rule, a missing reason, or (in Markdown) a comment that is not closed on its line. It suppresses nothing.\n\n## Why\n\nA suppression is a decision someone has to be able to review: it says which finding it accepts and why. One that cannot be read would either hide too much or nothing at all.\n\n## Fix\n\nWrite it as `# ops-check: ignore[LAY004] vendored from upstream` (for the next line, or the line it ends) or `# ops-check: ignore-file[LAY004] reason` (for the whole file); in Markdown, `<!-- ops-check: ignore[SUR004] reason -->`. The rule is a code, a name or a group prefix, as for `--select`; `ops-check rules` lists them.\n",
    budgets: &[],
};

/// A baseline entry that matches less than it records.
pub static STALE_BASELINE: RuleMeta = RuleMeta {
    code: "OPS005",
    slug: "stale-baseline-entry",
    clause: "(engine) the baseline only shrinks",
    severity: Severity::Info,
    summary: "a baseline entry records findings that are gone",
    explanation: "## What\n\nThe baseline (`check --baseline FILE` or `baseline` in the config) records occurrences of a finding that are no longer found: they were fixed, or the message changed. The finding is named by the entry's code, path and message.\n\nIt is `info` by default and an `error` with `check --strict-baseline`.\n\n## Why\n\nA baseline is a list of debts. When one is paid, the baseline has to shrink with it, or the same problem could come back unnoticed under the old entry.\n\n## Fix\n\nRun `ops-check baseline write --prune` and commit the smaller baseline: it removes stale entries (and lowers their counts) and adds nothing.\n",
    budgets: &[],
};

/// A file was not read: over `limits.max_file_size`, or not a regular file.
pub static FILE_NOT_READ: RuleMeta = RuleMeta {
    code: "OPS006",
    slug: "file-not-read",
    clause: "(engine) the whole tree is checked",
    severity: Severity::Warning,
    summary: "a file a rule would check was not read (too large, or not a regular file)",
    explanation: "## What\n\nA file that a rule would read is larger than `[limits] max_file_size` (16 MiB by default), or a path in the tree is a FIFO, socket or device. ops-check never reads such a file (a FIFO would block the run, a huge file would make it slow), so no rule checked it. It is a warning: the file may be fine, but this run says nothing about it. A rule that reports the size itself (SCH004, SCH005) does so instead of this finding.\n\n## Why\n\nA check that silently skips a file would pass a tree it never saw.\n\n## Fix\n\nFor a large file: raise `[limits] max_file_size` if the file is meant to be checked, or `exclude` it. For a special file: remove it from the tree (git cannot track it) or `exclude` its path.\n",
    budgets: &[],
};

/// The engine's own finding kinds. They are not rules: `--select` and `--ignore` do not
/// apply to them, and they have no violation fixture. `[severity]` may change OPS003 and
/// OPS004 ([`ADJUSTABLE_DIAGNOSTICS`]).
pub static ENGINE_DIAGNOSTICS: &[&RuleMeta] = &[
    &INTERNAL_ERROR,
    &UNREADABLE_PATH,
    &UNUSED_SUPPRESSION,
    &INVALID_SUPPRESSION,
    &STALE_BASELINE,
    &FILE_NOT_READ,
];

/// The engine diagnostics whose severity `[severity]` may change: the suppression checks.
/// The others say whether the report is complete (OPS001, OPS002) or follow
/// `--strict-baseline` (OPS005).
pub static ADJUSTABLE_DIAGNOSTICS: &[&RuleMeta] = &[&UNUSED_SUPPRESSION, &INVALID_SUPPRESSION];

/// Whether a code is one of the engine's own (`OPS...`), not a rule's.
pub fn is_engine_code(code: &str) -> bool {
    ENGINE_DIAGNOSTICS.iter().any(|m| m.code == code)
}
