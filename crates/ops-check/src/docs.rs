//! The generated rule pages (`docs/rules/`), rendered from rule metadata.

use crate::registry::all_metas;

/// Every rule page plus the index: (path relative to the workspace root, content).
pub fn rule_pages() -> Vec<(String, String)> {
    let metas = all_metas();
    let mut pages: Vec<(String, String)> = metas
        .iter()
        .map(|m| {
            (
                format!("docs/rules/{}.md", m.code),
                ops_report::docs::rule_page(m),
            )
        })
        .collect();
    pages.push((
        "docs/rules/README.md".to_string(),
        ops_report::docs::rules_index(&metas),
    ));
    pages
}
