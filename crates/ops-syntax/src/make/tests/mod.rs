//! Reader-level tests: makefile text in, what the [`Database`] says out.

mod budget;
mod functions;
mod includes;
mod inputs;
mod never_panic;
mod scale;
mod syntax;

use super::{Database, MemoryLoader, Options, read};

/// Reads `files`; the first is the root makefile.
pub(super) fn read_files(files: &[(&str, &str)]) -> Database {
    let loader = files
        .iter()
        .fold(MemoryLoader::new(), |l, (p, t)| l.file(p, t));
    read(files[0].0, &loader, &Options::default())
}

/// Reads one makefile.
pub(super) fn read_one(text: &str) -> Database {
    read_files(&[("Makefile", text)])
}

/// The expanded recipe lines make runs for `target` (explicit, or from a pattern rule).
pub(super) fn recipe(db: &Database, target: &str) -> Vec<String> {
    let r = db.resolve(target);
    let rule = r
        .explicit
        .iter()
        .rev()
        .find(|r| !r.recipe.is_empty())
        .cloned()
        .or(r.implicit);
    rule.map(|r| r.recipe.iter().map(|l| l.expanded.to_string()).collect())
        .unwrap_or_default()
}

/// The value of a variable as text (`…` for unknown stretches).
pub(super) fn value(db: &Database, name: &str) -> Option<String> {
    db.variable(name).map(|v| v.value.to_string())
}

/// Problems as `line: message`.
pub(super) fn problems(db: &Database) -> Vec<String> {
    db.problems()
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                p.position.as_ref().map_or(0, |p| p.line),
                p.message
            )
        })
        .collect()
}
