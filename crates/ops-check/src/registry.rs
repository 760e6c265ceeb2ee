//! Every rule of every rule crate, and the engine's own diagnostics.

use ops_model::{Rule, RuleMeta, Severity};

/// The order families are listed in: the contract's order (layout, artifacts, schemas,
/// surface, deprecation).
const FAMILIES: [&str; 5] = ["LAY", "ART", "SCH", "SUR", "DEP"];

/// All rules, by family (in [`FAMILIES`] order), each family in code order.
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
};

/// Part of the tree could not be read.
pub static UNREADABLE_PATH: RuleMeta = RuleMeta {
    code: "OPS002",
    slug: "unreadable-path",
    clause: "(engine) the whole tree is checked",
    severity: Severity::Error,
    summary: "part of the tree could not be read, so it was not checked",
    explanation: "## What\n\nThe walk could not read a directory or an entry (permissions, a vanished file, an I/O error). Nothing below it was checked, so the run exits 2: the report is incomplete, and a pass would be a pass of a tree ops-check never saw. Like OPS001 it is not a rule: `--select` and `--ignore` do not apply to it.\n\n## Why\n\nA check that silently skips part of the tree would pass a repository it never saw.\n\n## Fix\n\nMake the path readable by the user running ops-check, or exclude it with `.gitignore` / `.ignore` if it is not part of the repository.\n",
};

/// The engine's own finding kinds (not rules: they cannot be selected or ignored).
pub static ENGINE_DIAGNOSTICS: &[&RuleMeta] = &[&INTERNAL_ERROR, &UNREADABLE_PATH];
