//! `[schema]`: where JSON schemas live, how manifests bind to them, tool pins (SCH rules).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::matchers::{PathGlob, PathGlobs, Regexes};

/// Schemas, manifests and tool pins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SchemaConfig {
    /// Where schemas live, relative to the repository root.
    pub schemas_dir: String,
    /// Draft assumed when a schema declares no `$schema`: 4, 6, 7, 2019-09 or 2020-12.
    pub default_draft: String,
    /// The property that pins a schema's major version with `const` (SCH003).
    pub version_key: String,
    /// Extra regular expressions that find a major version in a schema's path or `$id`.
    pub version_patterns: Regexes,
    /// Explicit manifest-to-schema bindings by glob (SCH004, SCH005).
    pub bindings: Vec<SchemaBinding>,
    /// Bindings by the value of a manifest's `schema_name` or `kind` field: value -> schema
    /// path under `schemas_dir`.
    pub name_bindings: BTreeMap<String, String>,
    /// Every JSON/YAML file under `ops/` (outside exempt trees) must be bound (SCH005).
    pub require_binding: bool,
    /// Globs of trees that are not manifests (SCH005), relative to the repository root.
    pub exempt: PathGlobs,
    /// The canonical tool pins (SCH007), relative to the repository root.
    pub tool_versions: String,
    /// Globs of files scanned for repeated tool pins (SCH007).
    pub tool_pin_scan: PathGlobs,
    /// Other names of the tools of the canonical pins file (SCH007): tool key -> names it
    /// also goes by (a command, an image repository, an action). Added to the built-in
    /// table (listed on the SCH007 rule page); an entry here extends it, never replaces it.
    pub tool_aliases: BTreeMap<String, Vec<String>>,
    /// Directory of the stable meta files (SCH008), relative to `ops/`.
    pub meta_dir: String,
    /// The schema lock, relative to the repository root: every published schema version
    /// with its content hash and normalized body, written by `ops-check gen`; SCH006
    /// compares the schemas with it when `check` runs without `--base`.
    pub schema_lock: String,
}

/// Binds manifests matching `glob` to `schema` (a path under `schemas_dir`, or an `$id`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchemaBinding {
    /// Repository path glob of the manifests.
    pub glob: PathGlob,
    /// Their schema: a path under `schemas_dir`, or an `$id`.
    pub schema: String,
}

impl Default for SchemaConfig {
    fn default() -> Self {
        SchemaConfig {
            schemas_dir: "ops/_schemas".into(),
            default_draft: "2020-12".into(),
            version_key: "schema_version".into(),
            version_patterns: Regexes::default(),
            bindings: Vec::new(),
            name_bindings: BTreeMap::new(),
            require_binding: false,
            exempt: PathGlobs::defaults(&[
                "ops/_schemas/**",
                "ops/_generated/**",
                "ops/_generated_committed/**",
                "ops/_artifacts/**",
                "ops/_examples/**",
                "**/fixtures/**",
                "**/testdata/**",
            ]),
            tool_versions: "configs/ops/tool-versions.json".into(),
            tool_pin_scan: PathGlobs::defaults(&[
                "ops/**/*.sh",
                "ops/**/*.json",
                "ops/**/*.yaml",
                "ops/**/*.yml",
                "ops/**/*.toml",
                "ops/**/*.env",
                "configs/**",
                ".github/workflows/*.yml",
                ".github/workflows/*.yaml",
                "*-toolchain.toml",
                "*-toolchain",
                ".tool-versions",
                ".*-version",
                ".nvmrc",
                "Makefile",
                "makefiles/*.mk",
            ]),
            tool_aliases: BTreeMap::new(),
            meta_dir: "_meta".into(),
            schema_lock: "ops/_generated_committed/schema-lock.json".into(),
        }
    }
}

/// The built-in tool aliases of SCH007: tool key -> the other names it goes by. The
/// config's `schema.tool_aliases` adds to it. Documented on the SCH007 rule page.
pub fn default_tool_aliases() -> BTreeMap<String, Vec<String>> {
    let table: &[(&str, &[&str])] = &[
        ("python", &["python3", "cpython"]),
        ("node", &["nodejs"]),
        ("k6", &["grafana/k6"]),
        ("helm", &["alpine/helm"]),
        ("kubectl", &["bitnami/kubectl"]),
        ("terraform", &["hashicorp/terraform"]),
        ("rust", &["rustc", "rustup"]),
        ("go", &["golang"]),
        ("jq", &["jqlang/jq"]),
        ("yq", &["mikefarah/yq"]),
        ("postgres", &["postgresql"]),
    ];
    table
        .iter()
        .map(|(tool, names)| {
            (
                tool.to_string(),
                names.iter().map(|n| n.to_string()).collect(),
            )
        })
        .collect()
}
