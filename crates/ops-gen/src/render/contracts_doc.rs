//! `docs/_generated/ops-contracts.md`: every contract file under `ops/`, its owner and version.

use ops_model::CheckContext;
use ops_syntax::markdown::{Markdown, read_markdown};

use super::{banner, cell, code};
use ops_rules_surface::{read, release};

/// The page, or why an input cannot be read (every unreadable file, one sentence each).
pub fn render(cx: &CheckContext<'_>) -> Result<String, Vec<String>> {
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
        return Ok(out);
    }
    let mut problems = Vec::new();
    out.push_str("| contract | title | owner | version |\n|---|---|---|---|\n");
    for entry in files {
        let text = match read::text(cx, &entry.path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(read::unreadable(&entry.path, &e));
                continue;
            }
        };
        let md = read_markdown(text);
        let title = heading(&md).map_or("-".to_string(), |t| cell(&t));
        let owner = field(&md, "owner").map_or("-".to_string(), |o| code(&o));
        let version =
            release::find_version(text).map_or("-".to_string(), |(v, _)| code(&v.to_string()));
        out.push_str(&format!(
            "| {} | {title} | {owner} | {version} |\n",
            code(entry.path.as_str())
        ));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The first `# ` heading outside code blocks.
fn heading(md: &Markdown<'_>) -> Option<String> {
    md.prose_lines()
        .find_map(|(_, l)| l.strip_prefix("# ").map(|h| h.trim().to_string()))
}

/// The value of a `- Owner: value` style line outside code blocks, backticks removed.
pub(crate) fn field(md: &Markdown<'_>, key: &str) -> Option<String> {
    md.prose_lines().find_map(|(_, l)| {
        let body = l.trim_start().trim_start_matches(['-', '*', ' ']);
        let (k, v) = body.split_once(':')?;
        let k = k.trim().trim_matches('*');
        (k.eq_ignore_ascii_case(key) && !v.trim().is_empty())
            .then(|| v.trim().trim_matches(['`', '*']).trim().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn a_byte_order_mark_keeps_the_title_and_unreadable_files_are_errors() {
        let repo = TestRepo::new()
            .file(
                "ops/CONTRACT.md",
                "\u{feff}# Ops contract\n\n- Owner: `team`\n- Contract version: `1.0.0`\n",
            )
            .bytes("ops/k8s/CONTRACT.md", &[0xff, b'\n']);
        let errs = render(&repo.context().cx()).unwrap_err();
        assert_eq!(
            errs,
            ["cannot read `ops/k8s/CONTRACT.md`: not valid UTF-8 text"]
        );
        let repo = TestRepo::new().file(
            "ops/CONTRACT.md",
            "\u{feff}# Ops contract\n\n- Owner: `team`\n- Contract version: `1.0.0`\n",
        );
        let page = render(&repo.context().cx()).unwrap();
        assert!(
            page.contains("| `ops/CONTRACT.md` | Ops contract | `team` | `1.0.0` |"),
            "{page}"
        );
    }
}
