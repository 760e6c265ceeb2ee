//! `[layout]`: the shape of the `ops/` tree (LAY rules).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::strings;

/// Layout of the operations tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LayoutConfig {
    /// Canonical domains: the only ordinary directories allowed directly under `ops/`.
    pub domains: Vec<String>,
    /// Reserved directories allowed directly under `ops/`.
    pub reserved_dirs: Vec<String>,
    /// Stable files allowed directly under `ops/`.
    pub root_files: Vec<String>,
    /// File names that only keep a directory alive; a directory holding only these is empty.
    pub placeholder_files: Vec<String>,
    /// A file whose presence documents a directory's intent and exempts it from LAY003.
    pub empty_dir_exemption: String,
    /// The shared helper directory, relative to `ops/`.
    pub lib_dir: String,
    /// The name of a domain's local helper directory (`ops/<domain>/<scripts_dir>/`).
    pub scripts_dir: String,
    /// Directory that may hold only thin wrapper entry scripts (LAY005).
    pub e2e_wrapper_dir: String,
    /// Most non-comment, non-blank lines a wrapper entry script may have (LAY005).
    pub wrapper_line_budget: usize,
    /// Commands a wrapper delegates to (LAY005), matched at the start of a command.
    pub wrapper_delegates: Vec<String>,
    /// The canonical fault injection API, relative to the repository root (LAY006).
    pub fault_injection_api: String,
    /// File-name globs that mark a fault injection implementation (LAY006).
    pub fault_injection_patterns: Vec<String>,
    /// Temporal/task words forbidden as a whole token of a script or manifest name (LAY007).
    pub temporal_words: Vec<String>,
    /// Extensions of the script and manifest files LAY007 looks at.
    pub named_extensions: Vec<String>,
    /// The contract file, relative to `ops/` (LAY008).
    pub contract_file: String,
    /// The index file, relative to `ops/` (LAY008).
    pub index_file: String,
}

impl Default for LayoutConfig {
    fn default() -> Self {
        LayoutConfig {
            domains: strings(&["stack", "k8s", "obs", "load", "datasets", "e2e"]),
            reserved_dirs: strings(&[
                "_lib",
                "_meta",
                "_schemas",
                "_generated",
                "_generated_committed",
                "_artifacts",
                "_examples",
            ]),
            root_files: strings(&["CONTRACT.md", "INDEX.md", "README.md"]),
            placeholder_files: strings(&[".gitkeep", ".keep"]),
            empty_dir_exemption: "INDEX.md".into(),
            lib_dir: "_lib".into(),
            scripts_dir: "scripts".into(),
            e2e_wrapper_dir: "e2e/k8s/tests".into(),
            wrapper_line_budget: 30,
            wrapper_delegates: strings(&["exec", "make", "atlasctl ops", "./bin/atlasctl ops"]),
            fault_injection_api:
                "packages/atlasctl/src/atlasctl/commands/ops/stack/faults/inject.py".into(),
            fault_injection_patterns: strings(&["*fault*inject*", "*inject*fault*"]),
            temporal_words: strings(&[
                "new", "old", "tmp", "temp", "final", "wip", "draft", "todo", "fixme", "hack",
                "legacy", "backup", "bak", "copy", "quick",
            ]),
            named_extensions: strings(&["sh", "bash", "py", "json", "yaml", "yml", "toml"]),
            contract_file: "CONTRACT.md".into(),
            index_file: "INDEX.md".into(),
        }
    }
}
