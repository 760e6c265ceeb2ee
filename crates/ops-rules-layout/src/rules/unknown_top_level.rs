//! LAY001: every direct child of `ops/` is a canonical domain, a reserved directory or a
//! stable root file.

use ops_model::{CheckContext, Contract, Entry, EntryKind, Finding, Rule, RuleMeta, declare_rule};

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
    let is_dir_name = layout
        .domains
        .iter()
        .chain(&layout.reserved_dirs)
        .any(|d| d == name);
    let root_files = allowed_files(contract);
    let is_file_name = root_files.iter().any(|f| f == name);
    let dirs = allowed_dirs(contract);
    let ops = contract.ops_path("");

    let finding = match entry.kind {
        EntryKind::Dir if is_dir_name => return None,
        EntryKind::File if is_file_name => return None,
        // A link is judged by its name; LAY002 judges what it points to.
        EntryKind::Symlink if is_dir_name || is_file_name => return None,
        EntryKind::Dir if is_file_name => Finding::new(
            &UnknownTopLevel::META,
            entry.path.clone(),
            format!("`{}` is a directory, but `{name}` is reserved for a stable root file", entry.path),
        )
        .help(format!("replace the directory with the file `{ops}/{name}`")),
        EntryKind::Dir => Finding::new(
            &UnknownTopLevel::META,
            entry.path.clone(),
            format!(
                "`{}/` is not a canonical domain or reserved directory ({}){}",
                entry.path,
                allowed_list("directories", &dirs, &ops),
                did_you_mean(name, layout.domains.iter().chain(&layout.reserved_dirs))
            ),
        )
        .help(format!(
            "move its content into the domain that owns it (`{ops}/<domain>/`) or shared helpers into `{}/`; if it is a new canonical domain, add `{name}` to `layout.domains` in ops-check.toml",
            contract.ops_path(&layout.lib_dir)
        )),
        EntryKind::File if is_dir_name => Finding::new(
            &UnknownTopLevel::META,
            entry.path.clone(),
            format!("`{}` is a file, but `{name}` is reserved for a directory", entry.path),
        )
        .help(format!("move the file into the directory `{ops}/{name}/`")),
        EntryKind::File | EntryKind::Symlink => Finding::new(
            &UnknownTopLevel::META,
            entry.path.clone(),
            format!(
                "`{}` is not a stable root file ({}; {}){}",
                entry.path,
                allowed_list("files", &root_files, &ops),
                allowed_list("directories", &dirs, &ops),
                did_you_mean(name, root_files.iter())
            ),
        )
        .help(format!(
            "move it into the domain that owns it (`{ops}/<domain>/`){}",
            fold_into(contract, &root_files)
        )),
        EntryKind::Other => Finding::new(
            &UnknownTopLevel::META,
            entry.path.clone(),
            format!("`{}` is a special file (FIFO, socket or device), not a domain, reserved directory or stable root file", entry.path),
        )
        .help("remove it; runtime pipes and sockets belong in a temporary directory outside the repository"),
    };
    Some(finding)
}

/// Names of the directories allowed directly under `ops/`, as `stack/`.
fn allowed_dirs(contract: &Contract) -> Vec<String> {
    let layout = &contract.layout;
    layout
        .domains
        .iter()
        .chain(&layout.reserved_dirs)
        .map(|d| format!("{d}/"))
        .collect()
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

/// `allowed files: a, b` or, for an empty list, `no files are allowed directly under ops/`.
fn allowed_list(what: &str, names: &[String], ops: &str) -> String {
    if names.is_empty() {
        format!("no {what} are allowed directly under {ops}/")
    } else {
        format!("allowed {what}: {}", join_names(names))
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
mod tests {
    use super::*;
    use ops_model::testing::{TestRepo, finding_lines};

    fn conforming() -> TestRepo {
        TestRepo::new()
            .file("ops/CONTRACT.md", "x")
            .file("ops/INDEX.md", "x")
            .file("ops/README.md", "x")
            .file("ops/stack/CONTRACT.md", "x")
            .file("ops/k8s/CONTRACT.md", "x")
            .file("ops/_lib/common.sh", "x")
            .file("ops/_meta/surface.json", "{}")
            .file("misc/outside-ops.txt", "not judged")
    }

    #[test]
    fn conforming_tree_is_clean() {
        assert!(conforming().context().run(&UnknownTopLevel).is_empty());
    }

    #[test]
    fn unknown_dirs_and_files_are_reported() {
        let repo = conforming()
            .file("ops/misc/a.sh", "")
            .file("ops/notes.txt", "")
            .file("ops/.cache/x", "")
            .file("ops/Stack/x", "");
        let lines = repo.context().run_lines(&UnknownTopLevel);
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert!(lines[0].starts_with("ops/.cache: `ops/.cache/` is not a canonical domain"));
        assert!(lines[1].contains("(did you mean `stack`?)"), "{}", lines[1]);
        assert!(lines[2].contains(
            "`ops/misc/` is not a canonical domain or reserved directory (allowed directories: stack/, k8s/"
        ));
        assert!(lines[3].contains("`ops/notes.txt` is not a stable root file (allowed files: CONTRACT.md, INDEX.md, README.md"));
        let findings = repo.context().run(&UnknownTopLevel);
        assert!(
            findings[2]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("layout.domains")
        );
    }

    #[test]
    fn names_of_the_wrong_kind_are_reported() {
        let repo = conforming().file("ops/obs", "");
        assert_eq!(
            repo.context().run_lines(&UnknownTopLevel),
            ["ops/obs: `ops/obs` is a file, but `obs` is reserved for a directory"]
        );
        let repo = TestRepo::new().file("ops/INDEX.md/x", "");
        assert_eq!(
            repo.context().run_lines(&UnknownTopLevel),
            [
                "ops/INDEX.md: `ops/INDEX.md` is a directory, but `INDEX.md` is reserved for a stable root file"
            ]
        );
    }

    #[test]
    fn contract_and_index_files_are_always_allowed_and_empty_lists_read_well() {
        let repo = conforming().file("ops/notes.txt", "");
        let mut contract = Contract::default();
        contract.layout.root_files.clear();
        let findings = repo.context_with(contract.clone()).run(&UnknownTopLevel);
        // README.md is no longer allowed; CONTRACT.md and INDEX.md (LAY008's files) still are.
        assert_eq!(
            finding_lines(&findings),
            [
                "ops/README.md: `ops/README.md` is not a stable root file (allowed files: CONTRACT.md, INDEX.md; allowed directories: stack/, k8s/, obs/, load/, datasets/, e2e/, _lib/, _meta/, _schemas/, _generated/, _generated_committed/, _artifacts/, _examples/)",
                "ops/notes.txt: `ops/notes.txt` is not a stable root file (allowed files: CONTRACT.md, INDEX.md; allowed directories: stack/, k8s/, obs/, load/, datasets/, e2e/, _lib/, _meta/, _schemas/, _generated/, _generated_committed/, _artifacts/, _examples/)",
            ]
        );
        assert_eq!(
            findings[1].help.as_deref(),
            Some(
                "move it into the domain that owns it (`ops/<domain>/`), or fold its content into `ops/INDEX.md`"
            )
        );
        // Nothing allowed at all: said in words, not as an empty list.
        contract.layout.contract_file = "meta/CONTRACT.md".into();
        contract.layout.index_file = "meta/INDEX.md".into();
        contract.layout.domains.clear();
        contract.layout.reserved_dirs.clear();
        let lines = TestRepo::new()
            .file("ops/notes.txt", "")
            .context_with(contract)
            .run_lines(&UnknownTopLevel);
        assert_eq!(
            lines,
            [
                "ops/notes.txt: `ops/notes.txt` is not a stable root file (no files are allowed directly under ops/; no directories are allowed directly under ops/)"
            ]
        );
    }

    #[test]
    fn config_extends_the_allowed_names() {
        let repo = conforming().file("ops/misc/a.sh", "");
        let mut contract = Contract::default();
        contract.layout.domains.push("misc".into());
        assert!(repo.context_with(contract).run(&UnknownTopLevel).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_judged_by_name_and_fifos_reported() {
        let repo = conforming()
            .symlink("ops/obs", "k8s")
            .symlink("ops/extra", "k8s");
        assert_eq!(
            repo.context().run_lines(&UnknownTopLevel),
            [
                "ops/extra: `ops/extra` is not a stable root file (allowed files: CONTRACT.md, INDEX.md, README.md; allowed directories: stack/, k8s/, obs/, load/, datasets/, e2e/, _lib/, _meta/, _schemas/, _generated/, _generated_committed/, _artifacts/, _examples/)"
            ]
        );
        let fifo = repo.path().join("ops/pipe");
        if std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            let lines = repo.context().run_lines(&UnknownTopLevel);
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with("ops/pipe: `ops/pipe` is a special file")),
                "{lines:#?}"
            );
        }
    }

    #[test]
    fn missing_ops_reports_nothing_here() {
        assert!(
            TestRepo::new()
                .file("README.md", "")
                .context()
                .run(&UnknownTopLevel)
                .is_empty()
        );
    }
}
