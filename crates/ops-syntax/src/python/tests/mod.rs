//! Tests of the Python reader, one file per topic.

mod budgets;
mod imports;
mod scopes;
mod speed;
mod writes;

use super::{Budget, PythonModule, WriteOptions};

/// `(line, kind, path)` of every write in `text`, with `ROOT` a configured root name.
fn writes(text: &str) -> Vec<(u32, &'static str, String)> {
    let module = PythonModule::parse(text, &Budget::default());
    let options = WriteOptions {
        root_names: vec!["REPO_ROOT".to_string()],
    };
    module
        .writes(&options)
        .writes
        .into_iter()
        .map(|w| (w.line, w.kind.as_str(), w.path.to_string()))
        .collect()
}

/// The paths of the writes in `text`.
fn paths(text: &str) -> Vec<String> {
    writes(text).into_iter().map(|(_, _, p)| p).collect()
}
