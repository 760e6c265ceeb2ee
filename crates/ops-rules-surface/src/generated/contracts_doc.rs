//! `docs/_generated/ops-contracts.md`: every contract file under `ops/`, its owner and version.

use ops_model::CheckContext;
use ops_model::text::numbered_lines;

use super::{banner, cell, code};
use crate::release;

pub fn render(cx: &CheckContext<'_>) -> String {
    let ops = cx.contract.ops_path("");
    let name = &cx.contract.layout.contract_file;
    let mut out = String::new();
    out.push_str("# ops contracts\n\n");
    out.push_str(&banner(&format!("the `{name}` files under `{ops}/`")));
    out.push_str("\n\n");
    let files: Vec<_> = cx
        .index
        .files_under(&ops)
        .filter(|e| e.path.file_name() == name.as_str())
        .collect();
    if files.is_empty() {
        out.push_str(&format!("No `{name}` file exists under `{ops}/`.\n"));
        return out;
    }
    out.push_str("| contract | title | owner | version |\n|---|---|---|---|\n");
    for entry in files {
        let row = match cx.files.text(&entry.path) {
            Ok(text) => {
                let title = heading(text).map_or("-".to_string(), |t| cell(&t));
                let owner = field(text, "owner").map_or("-".to_string(), |o| code(&o));
                let version = release::find_version(text)
                    .map_or("-".to_string(), |(v, _)| code(&v.to_string()));
                format!("{title} | {owner} | {version}")
            }
            Err(e) => format!("(unreadable: {}) | - | -", cell(&e.to_string())),
        };
        out.push_str(&format!("| {} | {row} |\n", code(entry.path.as_str())));
    }
    out
}

/// The first `# ` heading.
fn heading(text: &str) -> Option<String> {
    numbered_lines(text).find_map(|(_, l)| l.strip_prefix("# ").map(|h| h.trim().to_string()))
}

/// The value of a `- Owner: value` style line, backticks removed.
fn field(text: &str, key: &str) -> Option<String> {
    numbered_lines(text).find_map(|(_, l)| {
        let body = l.trim_start().trim_start_matches(['-', '*', ' ']);
        let (k, v) = body.split_once(':')?;
        let k = k.trim().trim_matches('*');
        (k.eq_ignore_ascii_case(key) && !v.trim().is_empty())
            .then(|| v.trim().trim_matches(['`', '*']).trim().to_string())
    })
}
