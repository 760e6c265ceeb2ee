//! `[surface]`: the stable operator surface and deprecation (SUR, DEP rules).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::strings;

/// The operator surface: Make targets, their index and their generated docs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SurfaceConfig {
    /// The surface declaration, relative to the repository root.
    pub surface_file: String,
    /// The root makefile, relative to the repository root.
    pub makefile: String,
    /// Prefix of operator targets.
    pub target_prefix: String,
    /// Commands that make a recipe a thin wrapper (SUR003).
    pub operator_cli: Vec<String>,
    /// Most recipe lines a surface target may have (SUR003).
    pub wrapper_max_lines: usize,
    /// CI workflow globs scanned for direct script calls (SUR004).
    pub workflow_globs: Vec<String>,
    /// Documentation globs scanned for direct script calls (SUR004).
    pub doc_globs: Vec<String>,
    /// Generated ops docs rendered by `ops-check gen` (SUR005).
    pub generated_surface_doc: String,
    pub generated_contracts_doc: String,
    pub generated_schemas_doc: String,
    /// The surface lock compared against for removals (DEP002).
    pub surface_lock: String,
}

impl Default for SurfaceConfig {
    fn default() -> Self {
        SurfaceConfig {
            surface_file: "ops/_meta/surface.json".into(),
            makefile: "Makefile".into(),
            target_prefix: "ops-".into(),
            operator_cli: strings(&["atlasctl ops", "./bin/atlasctl ops"]),
            wrapper_max_lines: 3,
            workflow_globs: strings(&[".github/workflows/*.yml", ".github/workflows/*.yaml"]),
            doc_globs: strings(&["**/*.md"]),
            generated_surface_doc: "docs/_generated/ops-surface.md".into(),
            generated_contracts_doc: "docs/_generated/ops-contracts.md".into(),
            generated_schemas_doc: "docs/_generated/ops-schemas.md".into(),
            surface_lock: "ops/_meta/surface.lock.json".into(),
        }
    }
}
