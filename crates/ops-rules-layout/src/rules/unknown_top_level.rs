//! LAY001: every direct child of `ops/` is a canonical domain, a reserved directory or a
//! stable root file.

use ops_model::{
    CheckContext, Contract, Entry, EntryKind, Finding, RepoPath, Rule, RuleMeta, declare_rule,
};

use crate::ops_tree::join_names;

declare_rule! {
    /// Every direct child of `ops/` is a canonical domain, a reserved directory or a stable
    /// root file.
    pub UnknownTopLevel {
        code: "LAY001",
        slug: "unknown-top-level",
        clause: "Canonical domain ownership has no overlap: `ops/stack/`, `ops/k8s/`, `ops/obs/`, `ops/load/`, `ops/datasets/`, `ops/e2e/`.",
        severity: Error,
        summary: "every direct child of ops/ is a canonical domain, a reserved directory or a stable root file",
        explanation: r#"## What

Every entry directly inside `ops/` must be one of:

- a canonical domain directory (`layout.domains`, default `stack k8s obs load datasets e2e`),
- a reserved directory (`layout.reserved_dirs`, default `_lib _meta _schemas _generated
  _generated_committed _artifacts _examples`),
- a stable root file (`layout.root_files`, default `CONTRACT.md INDEX.md README.md`). The
  contract file and the index file that LAY008 requires (`layout.contract_file`,
  `layout.index_file`) are always allowed, whatever `root_files` says, so the two rules can
  never ask for opposite things.

A directory the config already names below `ops/` is allowed without being listed again in
`reserved_dirs`: the helper directory (`layout.lib_dir`), the schemas and meta directories
(`schema.schemas_dir`, `schema.meta_dir`), the generated directories
(`artifacts.generated_committed_dir`, `artifacts.generated_static_dir`), the artifacts root
(`artifacts.artifacts_root`), the committed-generated directories
(`artifacts.committed_generated_dirs`) and the directory of the contract or index file. A
repository that moves its schemas to `ops/schemas/` sets `schemas_dir` once.

Messages name the allowed lists rather than repeat them ("the canonical domains and
reserved directories, see `ops-check config show`"); a short list (four names or fewer) is
spelled out in the help. Nothing here is inferred: every finding is an `error`.

Anything else is reported: an unknown directory (`ops/misc/`), a stray file
(`ops/notes.txt`), a file that carries a directory's name (`ops/stack` as a file) or a
directory that carries a root file's name. Hidden entries (`ops/.cache/`) are not exempt:
they are entries of the contract tree like any other. Special files (FIFOs, sockets) are
reported as such and never opened. A name that differs from an allowed one only by case
(`ops/Stack/`) is reported with the allowed spelling.

Symlinks directly in `ops/` are judged by their name here; whether a link points to a
directory is LAY002's business.

## Why

The contract gives every part of the operations tree exactly one owner. A directory that is
not a domain has no owner: nobody reviews it, no rule knows what belongs in it, and it grows
into the overlap the contract forbids. A stray file at the top is usually a note or a script
that belongs to one domain.

## Fix

Move the entry into the domain that owns it (`ops/<domain>/`), shared helpers into
`ops/_lib/`, documentation into `ops/README.md` or `ops/INDEX.md`. If the repository really
has another canonical domain, add it to `layout.domains` in `ops-check.toml` (and to the
contract's domain list).

## Example

```text
ops/misc/           -> not a domain: move its content into the owning domain
ops/notes.txt       -> not a stable root file: fold it into ops/README.md
```
"#,
    }
}

impl Rule for UnknownTopLevel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let ops = cx.contract.ops_path("");
        cx.index
            .children(&ops)
            .filter_map(|entry| judge(cx.contract, entry))
            .collect()
    }
}

fn judge(contract: &Contract, entry: &Entry) -> Option<Finding> {
    let layout = &contract.layout;
    let name = entry.path.file_name();
    let dirs = allowed_dirs(contract);
    let root_files = allowed_files(contract);
    let is_dir_name = dirs.iter().any(|d| d == name);
    let is_file_name = root_files.iter().any(|f| f == name);
    let ops = contract.ops_path("");
    let path = &entry.path;

    let finding = match entry.kind {
        EntryKind::Dir if is_dir_name => return None,
        EntryKind::File if is_file_name => return None,
        // A link is judged by its name; LAY002 judges what it points to.
        EntryKind::Symlink if is_dir_name || is_file_name => return None,
        EntryKind::Dir if is_file_name => Finding::new(
            &UnknownTopLevel::META,
            path.clone(),
            format!("`{path}` is a directory, but `{name}` is reserved for a stable root file"),
        )
        .help(format!("replace the directory with the file `{ops}/{name}`")),
        EntryKind::Dir => Finding::new(
            &UnknownTopLevel::META,
            path.clone(),
            format!(
                "`{path}/` is not a canonical domain or reserved directory{}",
                did_you_mean(name, dirs.iter())
            ),
        )
        .help(format!(
            "move its content into the domain that owns it (`{ops}/<domain>/`) or shared helpers into `{}/`; if it is a new canonical domain, add `{name}` to `layout.domains` in ops-check.toml ({})",
            contract.ops_path(&layout.lib_dir),
            allowed_dirs_named(&dirs, &ops)
        )),
        EntryKind::File if is_dir_name => Finding::new(
            &UnknownTopLevel::META,
            path.clone(),
            format!("`{path}` is a file, but `{name}` is reserved for a directory"),
        )
        .help(format!("move the file into the directory `{ops}/{name}/`")),
        EntryKind::File | EntryKind::Symlink => Finding::new(
            &UnknownTopLevel::META,
            path.clone(),
            format!(
                "`{path}` is not a stable root file{}",
                did_you_mean(name, root_files.iter())
            ),
        )
        .help(format!(
            "move it into the domain that owns it (`{ops}/<domain>/`){} ({})",
            fold_into(contract, &root_files),
            allowed_files_listed(&root_files, &ops)
        )),
        EntryKind::Other => Finding::new(
            &UnknownTopLevel::META,
            path.clone(),
            format!("`{path}` is a special file (FIFO, socket or device), not a domain, reserved directory or stable root file"),
        )
        .help("remove it; runtime pipes and sockets belong in a temporary directory outside the repository"),
    };
    Some(finding)
}

/// The directories allowed directly under `ops/`: `layout.domains`, `layout.reserved_dirs`,
/// and every directory below `ops/` that the config itself names (the helper directory,
/// the schemas and meta directories, the generated directories, the artifacts root, the
/// committed-generated directories, the directory of the contract or index file), so a
/// config that moves one of them need not list it twice.
fn allowed_dirs(contract: &Contract) -> Vec<String> {
    let layout = &contract.layout;
    let mut dirs: Vec<String> = layout
        .domains
        .iter()
        .chain(&layout.reserved_dirs)
        .cloned()
        .collect();
    let ops = contract.ops_path("");
    // Directories, relative to `ops/`; for the two files, the directory holding them.
    let file_dir = |file: &str| file.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let mut named: Vec<String> = vec![
        layout.lib_dir.clone(),
        contract.schema.meta_dir.clone(),
        file_dir(&layout.contract_file),
        file_dir(&layout.index_file),
    ];
    let repo_dirs = [
        &contract.schema.schemas_dir,
        &contract.artifacts.generated_committed_dir,
        &contract.artifacts.generated_static_dir,
        &contract.artifacts.artifacts_root,
    ];
    let below =
        |p: &str| RepoPath::normalize(p).and_then(|p| p.strip_prefix(&ops).map(str::to_string));
    named.extend(repo_dirs.iter().filter_map(|p| below(p)));
    named.extend(
        contract
            .artifacts
            .committed_generated_dirs
            .iter()
            .filter_map(|g| below(g.dir.as_str())),
    );
    for rest in named {
        let Some(top) =
            RepoPath::normalize(&rest).and_then(|p| p.components().next().map(str::to_string))
        else {
            continue;
        };
        if !dirs.contains(&top) {
            dirs.push(top);
        }
    }
    dirs
}

/// The files allowed directly under `ops/`: `layout.root_files`, plus the contract and index
/// files LAY008 requires (when they sit directly under `ops/`), whatever `root_files` says.
fn allowed_files(contract: &Contract) -> Vec<String> {
    let layout = &contract.layout;
    let mut files = layout.root_files.clone();
    for required in [&layout.contract_file, &layout.index_file] {
        if !required.is_empty() && !required.contains('/') && !files.contains(required) {
            files.push(required.clone());
        }
    }
    files
}

/// Lists longer than this are named, not repeated in every message.
const LISTED_AT_MOST: usize = 4;

/// `allowed: the canonical domains and reserved directories, see ...`, or the names when
/// there are few.
fn allowed_dirs_named(dirs: &[String], ops: &str) -> String {
    match dirs.len() {
        0 => format!("no directories are allowed directly under {ops}/"),
        n if n <= LISTED_AT_MOST => {
            let shown: Vec<String> = dirs.iter().map(|d| format!("{d}/")).collect();
            format!("allowed: {}", join_names(&shown))
        }
        _ => "allowed: the canonical domains and reserved directories, see `ops-check config show`"
            .to_string(),
    }
}

/// `allowed root files: a, b`, or named when there are many.
fn allowed_files_listed(files: &[String], ops: &str) -> String {
    match files.len() {
        0 => format!("no files are allowed directly under {ops}/"),
        n if n <= LISTED_AT_MOST => format!("allowed root files: {}", join_names(files)),
        _ => "allowed: the stable root files, see `ops-check config show`".to_string(),
    }
}

/// `, or fold its content into `ops/INDEX.md` or `ops/README.md``: the allowed markdown root
/// files other than the contract, which is reviewed on its own.
fn fold_into(contract: &Contract, root_files: &[String]) -> String {
    let ops = contract.ops_path("");
    let docs: Vec<String> = root_files
        .iter()
        .filter(|f| f.ends_with(".md") && **f != contract.layout.contract_file)
        .map(|f| format!("`{ops}/{f}`"))
        .collect();
    if docs.is_empty() {
        String::new()
    } else {
        format!(", or fold its content into {}", docs.join(" or "))
    }
}

/// ` (did you mean `stack`?)` when `name` equals an allowed name but for case.
fn did_you_mean<'a>(name: &str, allowed: impl Iterator<Item = &'a String>) -> String {
    allowed
        .into_iter()
        .find(|a| a.eq_ignore_ascii_case(name))
        .map(|a| format!(" (did you mean `{a}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
