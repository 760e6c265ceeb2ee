//! `cargo xtask docs [--check]`: the rule pages in `docs/rules/` and `docs/config.md`, rendered
//! from metadata.

use std::path::Path;
use std::process::ExitCode;

use ops_check::docs::generated_pages as pages;

pub fn run(root: &Path, args: &[String]) -> ExitCode {
    let check = args.iter().any(|a| a == "--check");
    let mut stale = Vec::new();
    let dir = root.join("docs/rules");
    if !check && let Err(err) = std::fs::create_dir_all(&dir) {
        eprintln!("xtask docs: cannot create {}: {err}", dir.display());
        return ExitCode::from(2);
    }
    let pages = pages();
    for (rel, content) in &pages {
        let path = root.join(rel);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == *content {
            continue;
        }
        if check {
            stale.push(rel.clone());
        } else if let Err(err) = std::fs::write(&path, content) {
            eprintln!("xtask docs: cannot write {}: {err}", path.display());
            return ExitCode::from(2);
        } else {
            println!("wrote {rel}");
        }
    }
    // Pages of rules that no longer exist.
    let known: Vec<String> = pages.iter().map(|(rel, _)| rel.clone()).collect();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut orphans: Vec<String> = entries
            .flatten()
            .map(|e| format!("docs/rules/{}", e.file_name().to_string_lossy()))
            .filter(|rel| rel.ends_with(".md") && !known.contains(rel))
            .collect();
        orphans.sort();
        for rel in orphans {
            if check {
                stale.push(format!("{rel} (no such rule)"));
            } else {
                eprintln!(
                    "xtask docs: {rel} belongs to no rule; remove it if the rule was retired"
                );
            }
        }
    }
    if check && !stale.is_empty() {
        eprintln!("rule docs are out of date; run `cargo xtask docs`:");
        for s in stale {
            eprintln!("  {s}");
        }
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
