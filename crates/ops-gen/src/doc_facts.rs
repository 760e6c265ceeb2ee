//! SUR005 on a generated doc that another tool wrote (it does not carry ops-check's marker):
//! its bytes are that tool's business, its facts are the contract's. Each check says what
//! the page leaves out or gets wrong, or nothing.

use std::collections::HashSet;

use ops_model::{CheckContext, RepoPath};
use ops_rules_schema::binding::SchemaFiles;
use ops_rules_surface::index_md::Listing;
use ops_rules_surface::model::model;
use ops_rules_surface::{read, release};
use ops_syntax::markdown::read_markdown;

use crate::render::contracts_doc::field;
use crate::render::{Doc, has_marker};

/// How many names a message quotes before it gives only the count of the rest.
const QUOTED: usize = 5;

/// One fact a page gets wrong: the message, and the line it is about when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wrong {
    pub message: String,
    pub help: String,
    pub line: Option<u32>,
}

/// What the page at `path` (text `page`) gets wrong about the sources of `doc`.
pub fn check(cx: &CheckContext<'_>, doc: Doc, path: &RepoPath, page: &str) -> Vec<Wrong> {
    match doc {
        Doc::Surface => surface(cx, path, page),
        Doc::Schemas => schemas(cx, path, page),
        Doc::Contracts => contracts(cx, path, page),
    }
}

/// `a`, `b`, `c` and 2 more.
fn quoted<'n>(names: impl ExactSizeIterator<Item = &'n str>) -> String {
    let total = names.len();
    let mut shown: Vec<String> = names.take(QUOTED).map(|n| format!("`{n}`")).collect();
    if total > QUOTED {
        shown.push(format!("and {} more", total - QUOTED));
    }
    shown.join(", ")
}

/// The listings of the surface page another tool wrote, read once per run: by SUR005's
/// scan of the page ([`read_surface_page`]), or by its check when no scan read it. Both
/// read the committed text, byte order mark included, with the same prefix.
struct SurfacePage(Listing);

impl SurfacePage {
    fn read(cx: &CheckContext<'_>, page: &str) -> SurfacePage {
        SurfacePage(Listing::read(page, &cx.contract.surface.target_prefix))
    }
}

/// Reads the listings of the generated surface page (`page`, its committed text) when it
/// carries no marker: the page [`surface`] checks by facts. Called from SUR005's scan: a
/// page of 200,000 targets took 0.3 s to read after the scan pass, alone on one core while
/// the other ran SUR003; in the pass it takes a core that would wait for the makefile read.
/// (From `Rule::prepare` it was slower, most likely because it could start on the worker
/// that would have started the makefile read.)
pub fn read_surface_page(cx: &CheckContext<'_>, page: &str) {
    if !has_marker(page) {
        cx.shared.prefetch(|| SurfacePage::read(cx, page));
    }
}

/// Names every entrypoint of the surface declaration, and no other target.
fn surface(cx: &CheckContext<'_>, path: &RepoPath, page: &str) -> Vec<Wrong> {
    let m = model(cx);
    let Some(decl) = m.decl() else {
        return Vec::new(); // SCH008 or SUR001
    };
    let listing = cx.shared.get_or_init(|| SurfacePage::read(cx, page));
    let listing = &listing.0;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let missing: Vec<&str> = decl
        .entrypoints
        .iter()
        .map(|e| e.name.as_str())
        .filter(|n| !listing.contains(n) && seen.insert(*n))
        .collect();
    if !missing.is_empty() {
        out.push(Wrong {
            message: format!(
                "`{path}` does not name {} entrypoint(s) of `{}`: {}",
                missing.len(),
                decl.path,
                quoted(missing.iter().copied())
            ),
            help: "regenerate the page with the tool that writes it, or run `ops-check gen`".into(),
            line: None,
        });
    }
    let mut extra: Vec<(&str, u32)> = Vec::new();
    for l in &listing.listed {
        if !decl.is_entrypoint(&l.name) && seen.insert(&l.name) {
            extra.push((&l.name, l.line));
        }
    }
    if let Some(&(_, line)) = extra.first() {
        out.push(Wrong {
            message: format!(
                "`{path}` names {} target(s) that are not entrypoints of `{}`: {}",
                extra.len(),
                decl.path,
                quoted(extra.iter().map(|(n, _)| *n))
            ),
            help: "regenerate the page, or declare the target in `entrypoints`".into(),
            line: Some(line),
        });
    }
    out
}

/// Names every schema under the schemas directory (by its repository path, or its path
/// inside the schemas directory). The page is cut into its path-like words once, so checking
/// N schemas against a page that lists them is linear, not N times the page.
fn schemas(cx: &CheckContext<'_>, path: &RepoPath, page: &str) -> Vec<Wrong> {
    let dir = cx.contract.schema.schemas_dir.trim_matches('/');
    let files = SchemaFiles::new(cx.index, cx.files, &cx.contract.schema);
    let named = path_words(page);
    let missing: Vec<&str> = files
        .paths()
        .map(RepoPath::as_str)
        .filter(|p| {
            let inside = p.strip_prefix(dir).and_then(|r| r.strip_prefix('/'));
            !named.contains(p) && !inside.is_some_and(|r| named.contains(r))
        })
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![Wrong {
        message: format!(
            "`{path}` does not name {} schema(s) under `{dir}/`: {}",
            missing.len(),
            quoted(missing.iter().copied())
        ),
        help: "regenerate the page with the tool that writes it, or run `ops-check gen`".into(),
        line: None,
    }]
}

/// The path-like words of a page: maximal runs of letters, digits and `/ . _ -`, without the
/// trailing dots of a sentence end and with a leading `./` or `../` removed (a link target
/// `../../ops/_schemas/x.json`). A name counts only as a whole word, never as the tail of a
/// longer path (`a.v1.schema.json` is not named by `load/a.v1.schema.json`).
fn path_words(page: &str) -> HashSet<&str> {
    let path_char = |c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-');
    page.split(|c: char| !path_char(c))
        .map(|w| {
            let mut w = w.trim_end_matches('.');
            while let Some(rest) = w.strip_prefix("../").or_else(|| w.strip_prefix("./")) {
                w = rest;
            }
            w
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Does `page` state `value` as a whole word: not inside a longer name or version (`1.0.0`
/// is not stated by `11.0.0` or `1.0.0-rc.1`, `team` not by `team-a`)? A `v` before a version
/// is allowed (`v1.0.0`), and so is a sentence's final dot.
fn states(page: &str, value: &str) -> bool {
    let word_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '@');
    page.match_indices(value).any(|(at, _)| {
        let before = page[..at].strip_suffix('v').unwrap_or(&page[..at]);
        let after = &page[at + value.len()..];
        let after = after
            .strip_prefix('.')
            .filter(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
            .unwrap_or(after);
        !before.chars().next_back().is_some_and(word_char)
            && !after.chars().next().is_some_and(word_char)
    })
}

/// States the owner and the version of the root contract.
fn contracts(cx: &CheckContext<'_>, path: &RepoPath, page: &str) -> Vec<Wrong> {
    let contract = RepoPath::new(cx.contract.ops_path(&cx.contract.layout.contract_file));
    let Ok(text) = read::text(cx, &contract) else {
        return Vec::new(); // LAY008
    };
    let owner = field(&read_markdown(text), "owner");
    let version = release::find_version(text).map(|(v, _)| v.to_string());
    let unstated: Vec<String> = [("owner", owner), ("version", version)]
        .into_iter()
        .filter_map(|(what, value)| {
            let value = value?;
            (!states(page, &value)).then(|| format!("{what} `{value}`"))
        })
        .collect();
    if unstated.is_empty() {
        return Vec::new();
    }
    vec![Wrong {
        message: format!(
            "`{path}` does not state the {} of `{contract}`",
            unstated.join(" and the ")
        ),
        help: "regenerate the page with the tool that writes it, or run `ops-check gen`".into(),
        line: None,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_paths_only() {
        let page = "| `ops/_schemas/a.v1.schema.json` | x |\nload/b.v1.schema.json.\n[c](../../ops/_schemas/c.json)\n";
        let words = path_words(page);
        assert!(words.contains("ops/_schemas/a.v1.schema.json"));
        assert!(!words.contains("a.v1.schema.json"));
        assert!(words.contains("load/b.v1.schema.json"));
        assert!(!words.contains("b.v1.schema.json"));
        assert!(words.contains("ops/_schemas/c.json"));
    }

    #[test]
    fn facts_are_whole_words() {
        let page = "Owned by `team-a` and @org/ops, version v1.0.0. Not 11.0.0.";
        assert!(states(page, "team-a") && states(page, "1.0.0") && states(page, "@org/ops"));
        assert!(!states("release 11.0.0 or 1.0.0-rc.1", "1.0.0"));
        assert!(!states("team-ab", "team-a"));
        assert!(states("| `1.0.0` |", "1.0.0"));
    }
}
