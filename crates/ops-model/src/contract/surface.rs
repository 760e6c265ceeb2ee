//! `[surface]`: the stable operator surface and deprecation (SUR, DEP rules).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::matchers::PathGlobs;
use super::strings;

/// The operator surface: Make targets, their index and their generated docs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SurfaceConfig {
    /// The surface declaration, relative to the repository root.
    pub surface_file: String,
    /// The root makefile, relative to the repository root. Files it `include`s are read too.
    pub makefile: String,
    /// Prefix of operator targets: INDEX.md tokens starting with it are listed targets.
    pub target_prefix: String,
    /// Commands that make a recipe a thin wrapper (SUR003), matched as leading words after
    /// make variables are expanded (`$(ATLASCTL) ops` with `ATLASCTL ?= ./bin/atlasctl`).
    pub operator_cli: Vec<String>,
    /// Most recipe lines a surface target may have (SUR003). Comment lines do not count.
    pub wrapper_max_lines: usize,
    /// CI workflow globs scanned for direct script calls (SUR004).
    pub workflow_globs: PathGlobs,
    /// Documentation globs scanned for direct script calls (SUR004).
    pub doc_globs: PathGlobs,
    /// Programs that run a script given as their first argument (SUR004, SUR003):
    /// `bash ops/x.sh` is a call, `helm template ops/k8s/chart` is not.
    pub interpreters: Vec<String>,
    /// Labels of `Label: command` lines in docs that tell the reader what to run (SUR004).
    pub runner_labels: Vec<String>,
    /// Generated ops docs rendered by `ops-check gen` (SUR005): the surface page.
    pub generated_surface_doc: String,
    /// Generated ops docs rendered by `ops-check gen` (SUR005): the contract files page.
    pub generated_contracts_doc: String,
    /// Generated ops docs rendered by `ops-check gen` (SUR005): the schemas page.
    pub generated_schemas_doc: String,
    /// The word in a script's header comment that marks it deprecated (DEP001).
    pub deprecated_marker: String,
    /// The surface lock written by `ops-check gen` and compared against for removals (DEP002).
    pub surface_lock: String,
    /// The file whose `Contract version:` line names the current release (DEP002).
    pub release_file: String,
    /// Releases a deprecated entrypoint must ship in before it may be removed (DEP002).
    pub deprecation_window: usize,
}

impl Default for SurfaceConfig {
    fn default() -> Self {
        SurfaceConfig {
            surface_file: "ops/_meta/surface.json".into(),
            makefile: "Makefile".into(),
            target_prefix: "ops-".into(),
            operator_cli: strings(&["atlasctl ops", "./bin/atlasctl ops"]),
            wrapper_max_lines: 3,
            workflow_globs: PathGlobs::defaults(&[
                ".github/workflows/*.yml",
                ".github/workflows/*.yaml",
            ]),
            doc_globs: PathGlobs::defaults(&["**/*.md"]),
            interpreters: strings(&[
                "bash", "sh", "zsh", "dash", "ksh", "python", "python3", "source", ".",
            ]),
            runner_labels: strings(&["Runner", "Run", "Command", "Usage", "Entrypoint"]),
            generated_surface_doc: "docs/_generated/ops-surface.md".into(),
            generated_contracts_doc: "docs/_generated/ops-contracts.md".into(),
            generated_schemas_doc: "docs/_generated/ops-schemas.md".into(),
            deprecated_marker: "DEPRECATED".into(),
            surface_lock: "ops/_meta/surface.lock.json".into(),
            release_file: "ops/CONTRACT.md".into(),
            deprecation_window: 1,
        }
    }
}
