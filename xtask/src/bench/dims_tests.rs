//! Tests of the dimension generators.

#![allow(clippy::unwrap_used)]
use super::*;
use crate::bench::tree::FixtureFile;

fn fixture() -> Fixture {
    let file = FixtureFile::text;
    Fixture::from_files(
        "t".into(),
        vec![
            file("Makefile", "include makefiles/ops.mk\n"),
            file("ops/INDEX.md", "# ops\n"),
            file(
                "ops/_meta/surface.json",
                r#"{"entrypoints": [{"name": "ops-up"}]}"#,
            ),
            file(
                "docs/_generated/ops-surface.md",
                "# s\n\n| target |\n|---|\n| `ops-up` |\n\nEnd.\n",
            ),
            file("configs/ops/artifacts-allowlist.txt", "# list\n"),
        ],
    )
}

fn added(dim: Dimension, n: usize) -> (tempfile::TempDir, Writer) {
    let dir = tempfile::tempdir().unwrap();
    let mut w = Writer::new(dir.path());
    dim.add(&fixture(), n, &mut w).unwrap();
    (dir, w)
}

fn read(dir: &tempfile::TempDir, p: &str) -> String {
    std::fs::read_to_string(dir.path().join(p)).unwrap()
}

#[test]
fn entrypoints_are_declared_listed_defined_and_documented() {
    let (dir, _) = added(Dimension::Entrypoints, 3);
    let surface: serde_json::Value =
        serde_json::from_str(&read(&dir, "ops/_meta/surface.json")).unwrap();
    assert_eq!(surface["entrypoints"].as_array().unwrap().len(), 4);
    assert!(read(&dir, "ops/INDEX.md").contains("| `ops-gen-000003` |"));
    let mk = read(&dir, "makefiles/surface-gen.mk");
    assert!(mk.contains(".PHONY: ops-gen-000001 ops-gen-000002 ops-gen-000003\n"));
    assert!(mk.contains("\nops-gen-000002:\n\t$(ATLASCTL) ops gen run --id 2\n"));
    assert!(read(&dir, "Makefile").ends_with("include makefiles/surface-gen.mk\n"));
    // Room to read the surface, however large.
    let config = read(&dir, "ops-check.toml");
    assert!(config.contains("\n[limits]\n"), "{config}");
    assert!(config.contains("max_file_size = 16777216\n"), "{config}");
    assert!(
        config.contains("\n[limits.make]\nmax_file_bytes = 16777216\n"),
        "{config}"
    );
    let doc = read(&dir, "docs/_generated/ops-surface.md");
    assert!(doc.contains("| `ops-up` |\n| `ops-gen-000001` | stack |"));
    assert!(doc.ends_with("\nEnd.\n"));
}

#[test]
fn each_dimension_adds_its_items() {
    let (dir, w) = added(Dimension::Includes, 12);
    // The parts, the Makefile, and ops-check.toml with room for 12 includes (and more).
    assert_eq!(w.files, 14);
    assert!(read(&dir, "ops-check.toml").contains("\nmax_includes = 11000\n"));
    assert_eq!(
        read(&dir, "Makefile")
            .matches("\ninclude makefiles/parts/")
            .count(),
        12
    );
    let (dir, _) = added(Dimension::Allowlist, 5);
    let list = read(&dir, "configs/ops/artifacts-allowlist.txt");
    assert_eq!(list.lines().filter(|l| l.starts_with("ops/")).count(), 5);
    assert!(read(&dir, "ops-check.toml").contains("\n[limits]\n"));
    let (_, w) = added(Dimension::Manifests, 7);
    assert_eq!(w.files, 7);
    let (dir, w) = added(Dimension::Schemas, 4);
    assert_eq!(w.files, 4);
    let s: serde_json::Value =
        serde_json::from_str(&read(&dir, "ops/_schemas/gen/item-00004.v1.schema.json")).unwrap();
    assert!(
        s["$id"]
            .as_str()
            .unwrap()
            .ends_with("item-00004.v1.schema.json")
    );
    let (dir, w) = added(Dimension::Unclaimed, 3);
    assert_eq!(w.files, 6);
    assert!(read(&dir, "ops/datasets/things/thing00003.yaml").starts_with("name: "));
    assert!(read(&dir, "ops/_schemas/datasets/thing00003.v1.schema.json").contains("$id"));
    let (dir, _) = added(Dimension::Targets, 20);
    let mk = read(&dir, "makefiles/tasks-gen.mk");
    assert_eq!(mk.matches(".PHONY:").count(), 2);
    assert_eq!(mk.matches("\ntask-").count(), 20);
}

#[test]
fn sizes_are_tenfold() {
    for d in Dimension::ALL {
        let (small, large) = d.sizes();
        assert_eq!(small * 10, large, "{}", d.name());
    }
}
