//! The crate layering of docs/architecture.md, checked from the manifests: dependencies
//! between workspace crates point downwards only (ops-check → ops-gen / ops-report → rule
//! crates → ops-syntax → ops-model), and rule crates never depend on each other.

use std::collections::BTreeMap;
use std::path::Path;

/// The workspace crates each crate may depend on (normal dependencies; dev-dependencies
/// are free). `ops-check` wires everything and is not listed.
fn allowed() -> BTreeMap<&'static str, &'static [&'static str]> {
    const RULE_CRATE: &[&str] = &["ops-model", "ops-syntax"];
    BTreeMap::from([
        ("ops-model", &[][..]),
        ("ops-syntax", &["ops-model"][..]),
        ("ops-rules-layout", RULE_CRATE),
        ("ops-rules-artifacts", RULE_CRATE),
        ("ops-rules-schema", RULE_CRATE),
        ("ops-rules-surface", RULE_CRATE),
        (
            "ops-gen",
            &[
                "ops-model",
                "ops-syntax",
                "ops-rules-schema",
                "ops-rules-surface",
            ][..],
        ),
        ("ops-report", &["ops-model"][..]),
    ])
}

/// Workspace crates named in the `[dependencies]` table of a Cargo.toml.
fn workspace_dependencies(manifest: &str) -> Vec<String> {
    let mut in_dependencies = false;
    let mut found = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
            continue;
        }
        if in_dependencies && line.starts_with("ops-") {
            let name: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

#[test]
fn workspace_crates_depend_downwards_only() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let allowed = allowed();
    let mut seen = 0;
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&crates).expect("crates/ is readable") {
        let dir = entry.expect("a directory entry").path();
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        let Ok(manifest) = std::fs::read_to_string(dir.join("Cargo.toml")) else {
            continue;
        };
        if name == "ops-check" {
            continue;
        }
        seen += 1;
        let Some(may) = allowed.get(name.as_str()) else {
            wrong.push(format!("{name}: not in the layering table of this test"));
            continue;
        };
        for dependency in workspace_dependencies(&manifest) {
            if !may.contains(&dependency.as_str()) {
                wrong.push(format!("{name} depends on {dependency}"));
            }
        }
    }
    assert!(seen >= allowed.len(), "only {seen} crates found");
    assert!(wrong.is_empty(), "layering broken: {wrong:#?}");
}

#[test]
fn the_manifest_reader_finds_only_normal_dependencies() {
    let manifest = "[package]\nname = \"x\"\n[dependencies]\nops-model.workspace = true\n\
                    ops-syntax = { path = \"../ops-syntax\" }\nserde.workspace = true\n\
                    [dev-dependencies]\nops-rules-layout.workspace = true\n";
    assert_eq!(
        workspace_dependencies(manifest),
        vec!["ops-model".to_owned(), "ops-syntax".to_owned()]
    );
}
