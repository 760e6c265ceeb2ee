//! The surface readers of ops-rules-surface: the declaration (`ops/_meta/surface.json`,
//! decoded as the run decodes it, then read with line numbers) and the surface lock.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_model::RepoPath;
use ops_rules_surface::{lock, surface_file};

fuzz_target!(|text: &str| {
    let lines = text.matches('\n').count() as u32 + 1;
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let path = RepoPath::new("ops/_meta/surface.json");
        match surface_file::parse(&path, text, &value) {
            Ok((decl, problems)) => {
                // Every line a reader reports must be a line of the file.
                for e in &decl.entrypoints {
                    assert!(e.line >= 1 && e.line <= lines, "entrypoint line {}", e.line);
                    let _ = decl.is_deprecated(&e.name);
                }
                for d in &decl.deprecated {
                    assert!(
                        d.line >= 1 && d.line <= lines,
                        "deprecation line {}",
                        d.line
                    );
                }
                for p in problems.iter().filter_map(|p| p.line) {
                    assert!(p >= 1 && p <= lines, "problem line {p}");
                }
            }
            Err(problem) => {
                if let Some(line) = problem.line {
                    assert!(line >= 1 && line <= lines, "problem line {line}");
                }
            }
        }
    }
    if let Ok(parsed) = lock::parse(text) {
        let _ = lock::render(&parsed);
    }
});
