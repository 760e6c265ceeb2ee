//! Rule documentation rendered from [`RuleMeta`]: the pages under `docs/rules/`, and the
//! text of `ops-check explain`.

use ops_model::RuleMeta;

/// The page of one rule (`docs/rules/<CODE>.md`).
pub fn rule_page(meta: &RuleMeta) -> String {
    let mut page = String::new();
    page.push_str(&format!("# {} `{}`\n\n", meta.code, meta.slug));
    page.push_str(&format!("{}\n\n", capitalize(meta.summary)));
    page.push_str("| | |\n|---|---|\n");
    page.push_str(&format!("| code | `{}` |\n", meta.code));
    page.push_str(&format!("| name | `{}` |\n", meta.slug));
    page.push_str(&format!("| group | `{}` |\n", meta.group()));
    page.push_str(&format!("| default severity | {} |\n", meta.severity));
    page.push_str(&format!("| contract clause | {} |\n\n", meta.clause));
    page.push_str(meta.explanation.trim());
    page.push_str(&budgets(meta));
    page.push_str("\n\n---\n\nGenerated from the rule's metadata by `cargo xtask docs`; edit the rule, not this page.\n");
    page
}

/// The page's "Work budgets" section: every rule reads within `limits.max_file_size`, and
/// within the `[limits.*]` tables of the readers it uses.
fn budgets(meta: &RuleMeta) -> String {
    let mut out =
        String::from("\n\n## Work budgets\n\nFiles over `[limits] max_file_size` are not read");
    if meta.budgets.is_empty() {
        out.push('.');
        return out;
    }
    let tables: Vec<String> = meta
        .budgets
        .iter()
        .map(|t| format!("[`[limits.{t}]`](../config.md#limits{t})"))
        .collect();
    out.push_str(&format!(
        "; the readers this rule uses work within {}. Past a budget the value read is unknown \
         and the rule reports one warning naming the budget (never an error), and the run goes on.",
        tables.join(", ")
    ));
    out
}

/// The index page (`docs/rules/README.md`).
pub fn rules_index(metas: &[&RuleMeta]) -> String {
    let mut page = String::from(
        "# Rules\n\nEvery rule enforces one clause of the Ops Contract 1.0.0. Codes are stable: a rule may be\nretired, never renumbered. Select rules by code (`ART002`), name (`evidence-location`) or group\nprefix (`ART`).\n\n| code | name | severity | summary |\n|---|---|---|---|\n",
    );
    for m in metas {
        page.push_str(&format!(
            "| [{code}]({code}.md) | `{slug}` | {sev} | {summary} |\n",
            code = m.code,
            slug = m.slug,
            sev = m.severity,
            summary = m.summary
        ));
    }
    page.push_str("\n---\n\nGenerated from the rules' metadata by `cargo xtask docs`.\n");
    page
}

/// The plain-text explanation printed by `ops-check explain`.
pub fn explain(meta: &RuleMeta) -> String {
    format!(
        "{} ({}) [{}]\n{}\n\nClause: {}\n\n{}\n",
        meta.code,
        meta.slug,
        meta.severity,
        capitalize(meta.summary),
        meta.clause,
        meta.explanation.trim()
    )
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
