//! The contract config: every path, domain name, list and pattern the rules use.
//!
//! The defaults equal Ops Contract 1.0.0, so a repository laid out like the contract needs no
//! config at all. Another repository adopts the tool by writing `ops-check.toml` at its root;
//! every key is optional, unknown keys are errors (a typo must not silently do nothing).

mod artifacts;
mod layout;
mod load;
pub mod matchers;
mod schema;
mod surface;
mod validate;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Severity;

pub use artifacts::ArtifactsConfig;
pub use layout::LayoutConfig;
pub use load::CONFIG_FILE_NAME;
pub use matchers::{DirGlob, DirGlobs, NameGlobs, PathGlob, PathGlobs, Regexes, TreeGlobs};
pub use schema::{SchemaBinding, SchemaConfig, default_tool_aliases};
pub use surface::SurfaceConfig;
pub use validate::Invalid;

/// The effective Ops Contract for one repository (`ops-check.toml`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Contract {
    /// The operations tree, relative to the repository root.
    pub ops_root: String,
    /// Rules to run: codes (`ART002`), slugs (`evidence-location`) or group prefixes (`ART`).
    /// Empty means every rule. `check --select` replaces this list.
    pub select: Vec<String>,
    /// Rules not to run, in the same forms as `select`. `check --ignore` adds to this list.
    pub ignore: Vec<String>,
    /// Trees that are not part of the operations tree for any rule: test fixtures and
    /// snapshots, which hold look-alikes of violations on purpose. Repository path globs;
    /// an excluded path is never walked, listed or read, whether git tracks it or not.
    pub exclude: PathGlobs,
    /// Severity overrides by code, slug or group prefix, e.g. `LAY004 = "error"`.
    pub severity: BTreeMap<String, Severity>,
    /// Limits that keep a run bounded on odd inputs.
    pub limits: Limits,
    /// Layout rules (LAY).
    pub layout: LayoutConfig,
    /// Artifact rules (ART).
    pub artifacts: ArtifactsConfig,
    /// Schema rules (SCH).
    pub schema: SchemaConfig,
    /// Surface and deprecation rules (SUR, DEP).
    pub surface: SurfaceConfig,
}

impl Default for Contract {
    fn default() -> Self {
        Contract {
            ops_root: "ops".into(),
            select: Vec::new(),
            ignore: Vec::new(),
            exclude: PathGlobs::defaults(&[
                "**/fixtures/**",
                "**/testdata/**",
                "**/__snapshots__/**",
            ]),
            severity: BTreeMap::new(),
            limits: Limits::default(),
            layout: LayoutConfig::default(),
            artifacts: ArtifactsConfig::default(),
            schema: SchemaConfig::default(),
            surface: SurfaceConfig::default(),
        }
    }
}

/// Limits that keep a run bounded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Files larger than this many bytes are not read; a rule that needs one reports it.
    pub max_file_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 16 * 1024 * 1024,
        }
    }
}

/// Turns a list of `&str` into owned strings (for defaults).
pub(crate) fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

impl Contract {
    /// `ops_root` joined with a relative path, e.g. `ops/_schemas`.
    pub fn ops_path(&self, rest: &str) -> String {
        let root = self.ops_root.trim_matches('/');
        let rest = rest.trim_matches('/');
        match (root.is_empty(), rest.is_empty()) {
            (true, _) => rest.to_string(),
            (false, true) => root.to_string(),
            (false, false) => format!("{root}/{rest}"),
        }
    }

    /// The JSON Schema of the config file.
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(Contract)).unwrap_or_default()
    }
}
