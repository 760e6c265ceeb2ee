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
    let findings = repo.context().run(&UnknownTopLevel);
    assert_eq!(
        finding_lines(&findings),
        [
            "ops/.cache: `ops/.cache/` is not a canonical domain or reserved directory",
            "ops/Stack: `ops/Stack/` is not a canonical domain or reserved directory (did you mean `stack`?)",
            "ops/misc: `ops/misc/` is not a canonical domain or reserved directory",
            "ops/notes.txt: `ops/notes.txt` is not a stable root file",
        ]
    );
    // The long list of allowed directories is named, not repeated.
    assert_eq!(
        findings[2].help.as_deref(),
        Some(
            "move its content into the domain that owns it (`ops/<domain>/`) or shared helpers into `ops/_lib/`; if it is a new canonical domain, add `misc` to `layout.domains` in ops-check.toml (allowed: the canonical domains and reserved directories, see `ops-check config show`)"
        )
    );
    assert_eq!(
        findings[3].help.as_deref(),
        Some(
            "move it into the domain that owns it (`ops/<domain>/`), or fold its content into `ops/INDEX.md` or `ops/README.md` (allowed root files: CONTRACT.md, INDEX.md, README.md)"
        )
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
            "ops/README.md: `ops/README.md` is not a stable root file",
            "ops/notes.txt: `ops/notes.txt` is not a stable root file",
        ]
    );
    assert_eq!(
        findings[1].help.as_deref(),
        Some(
            "move it into the domain that owns it (`ops/<domain>/`), or fold its content into `ops/INDEX.md` (allowed root files: CONTRACT.md, INDEX.md)"
        )
    );
    // No file allowed at all: said in words, not as an empty list.
    contract.layout.contract_file = "meta/CONTRACT.md".into();
    contract.layout.index_file = "meta/INDEX.md".into();
    let findings = TestRepo::new()
        .file("ops/notes.txt", "")
        .file("ops/meta/CONTRACT.md", "")
        .context_with(contract)
        .run(&UnknownTopLevel);
    assert_eq!(
        findings[0].help.as_deref(),
        Some(
            "move it into the domain that owns it (`ops/<domain>/`) (no files are allowed directly under ops/)"
        )
    );
    assert_eq!(
        findings.len(),
        1,
        "the contract file's directory is allowed"
    );
}

/// From the adoption issue: a directory the config names elsewhere (schemas, meta,
/// generated, artifacts, helpers) is allowed without being listed again.
#[test]
fn directories_the_config_names_are_allowed() {
    let repo = conforming()
        .file("ops/_schemas/a.schema.json", "{}")
        .file("ops/_generated/x.md", "")
        .file("ops/_generated_committed/x.json", "{}")
        .file("ops/_artifacts/.gitkeep", "")
        .file("ops/_examples/x.json", "{}")
        .file("ops/schemas/b.schema.json", "{}")
        .file("ops/shared/lib.sh", "");
    let mut contract = Contract::default();
    contract.layout.reserved_dirs.clear();
    contract.schema.schemas_dir = "ops/schemas".into();
    contract.layout.lib_dir = "shared".into();
    assert_eq!(
        repo.context_with(contract).run_lines(&UnknownTopLevel),
        [
            "ops/_lib: `ops/_lib/` is not a canonical domain or reserved directory",
            "ops/_schemas: `ops/_schemas/` is not a canonical domain or reserved directory",
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
        ["ops/extra: `ops/extra` is not a stable root file"]
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
