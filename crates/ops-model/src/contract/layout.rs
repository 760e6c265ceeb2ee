//! `[layout]`: the shape of the `ops/` tree (LAY rules).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::matchers::NameGlobs;
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
    /// Shell variables that name the repository root when a script does not assign them
    /// itself (`source "$REPO_ROOT/ops/_lib/x.sh"`), for LAY004's static resolution.
    pub helper_root_vars: Vec<String>,
    /// Directory names that hold tests; files below them are tests, never helpers (LAY004).
    pub test_dirs: Vec<String>,
    /// File-name globs of tests; such files are never helpers (LAY004).
    pub test_file_patterns: NameGlobs,
    /// Directory that may hold only thin wrapper entry scripts (LAY005).
    pub e2e_wrapper_dir: String,
    /// Most non-comment, non-blank lines a wrapper entry script may have (LAY005).
    pub wrapper_line_budget: usize,
    /// Commands a wrapper delegates to (LAY005), matched at the start of a command.
    pub wrapper_delegates: Vec<String>,
    /// Command-name globs that mark assertion logic in a wrapper entry script (LAY005).
    pub wrapper_assertion_commands: NameGlobs,
    /// The canonical fault injection API, relative to the repository root (LAY006).
    pub fault_injection_api: String,
    /// The domain that owns fault injection; its own tree may hold fault injection code (LAY006).
    pub fault_injection_owner: String,
    /// File-name globs that mark a fault injection implementation (LAY006).
    pub fault_injection_patterns: NameGlobs,
    /// Extensions of implementation files LAY006 looks at (schemas, manifests and docs about
    /// fault injection are not implementations).
    pub fault_injection_extensions: Vec<String>,
    /// Temporal/task words forbidden as a whole token of a script or manifest name (LAY007).
    pub temporal_words: Vec<String>,
    /// Extensions of the script and manifest files LAY007 looks at.
    pub named_extensions: Vec<String>,
    /// Words that, followed by a number, mark sequencing in a name (`step1`, `phase-2`) (LAY007).
    pub sequence_words: Vec<String>,
    /// Directories below `ops/` whose file names LAY007 does not judge (runtime outputs).
    pub temporal_name_skip_dirs: Vec<String>,
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
            helper_root_vars: strings(&[
                "REPO_ROOT",
                "ROOT",
                "ROOT_DIR",
                "REPO_DIR",
                "GIT_ROOT",
                "TOP",
                "TOPLEVEL",
            ]),
            test_dirs: strings(&["tests", "test", "__tests__"]),
            test_file_patterns: NameGlobs::defaults(&[
                "test_*",
                "*_test.*",
                "*.test.*",
                "*_spec.*",
                "*.bats",
                "conftest.py",
            ]),
            e2e_wrapper_dir: "e2e/k8s/tests".into(),
            wrapper_line_budget: 30,
            wrapper_delegates: strings(&["exec", "make", "atlasctl ops", "./bin/atlasctl ops"]),
            wrapper_assertion_commands: NameGlobs::defaults(&["assert*", "expect_*"]),
            fault_injection_api:
                "packages/atlasctl/src/atlasctl/commands/ops/stack/faults/inject.py".into(),
            fault_injection_owner: "stack".into(),
            fault_injection_patterns: NameGlobs::defaults(&["*fault*inject*", "*inject*fault*"]),
            fault_injection_extensions: strings(&[
                "sh", "bash", "py", "js", "ts", "go", "rb", "pl",
            ]),
            temporal_words: strings(&[
                "new", "old", "tmp", "temp", "final", "wip", "draft", "todo", "fixme", "hack",
                "legacy", "backup", "bak", "copy", "quick",
            ]),
            named_extensions: strings(&["sh", "bash", "py", "json", "yaml", "yml", "toml"]),
            sequence_words: strings(&["step", "phase", "stage"]),
            temporal_name_skip_dirs: strings(&["_artifacts"]),
            contract_file: "CONTRACT.md".into(),
            index_file: "INDEX.md".into(),
        }
    }
}
