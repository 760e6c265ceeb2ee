//! The contract config: every path, domain name, list and pattern the rules use.
//!
//! The defaults equal Ops Contract 1.0.0, so a repository laid out like the contract needs no
//! config at all. Another repository adopts the tool by writing `ops-check.toml` at its root;
//! every key is optional, unknown keys are errors (a typo must not silently do nothing).
//!
//! Every list key `x` has a twin `extend_x` that adds to the default (or to `x` as set in the
//! same table) instead of replacing it; the twins are derived from the config's JSON Schema,
//! so a list key added later gets one for free (see [`extend`]).

mod artifacts;
pub mod extend;
mod layout;
mod limits;
mod load;
pub mod matchers;
mod schema;
mod source;
mod suppress;
mod surface;
mod validate;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Severity;

pub use artifacts::ArtifactsConfig;
pub use layout::LayoutConfig;
pub use limits::{Limits, MakeLimits, PythonLimits, SchemaLimits, ShellLimits, YamlLimits};
pub use load::{CONFIG_FILE_NAME, find_config_upwards};
pub use matchers::{DirGlob, DirGlobs, NameGlobs, PathGlob, PathGlobs, Regexes, TreeGlobs};
pub use schema::{SchemaBinding, SchemaConfig, default_tool_aliases};
pub use source::{ConfigLocation, ConfigSource};
pub use suppress::Suppression;
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
    /// Severity overrides by code, slug or group prefix, e.g. `LAY004 = "error"`
    /// (`error`, `warning` or `warn`, `info`).
    pub severity: BTreeMap<String, Severity>,
    /// Findings accepted on purpose, each entry with the repository path globs it covers
    /// (`paths`; `dir/**` also covers `dir` itself), the rules (`rules`: codes, names or group
    /// prefixes) and why (`reason`, required). A suppressed finding is listed as such in the
    /// JSON and SARIF reports and counted in the summary; an entry that suppresses nothing is
    /// reported (OPS003). Written `[[suppress]]`.
    pub suppress: Vec<Suppression>,
    /// The baseline file, relative to the repository root: findings recorded there by
    /// `ops-check baseline write` are hidden by `check` (as with `check --baseline FILE`).
    /// Empty: no baseline.
    pub baseline: String,
    /// Absolute base URL of the rule pages, for links in the SARIF (`helpUri`) and markdown
    /// reports: a rule's page is `URL/CODE.md`, or the URL with `{code}` replaced by the code.
    /// Empty: no links. `check --docs-url` overrides it.
    pub docs_url: String,
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
    /// Where this config was read from, to point messages at a line of it. Not part of the
    /// config: it is not serialized, not in the schema, and equality ignores it.
    #[serde(skip)]
    #[schemars(skip)]
    pub source: ConfigSource,
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
            suppress: Vec::new(),
            baseline: String::new(),
            docs_url: String::new(),
            limits: Limits::default(),
            layout: LayoutConfig::default(),
            artifacts: ArtifactsConfig::default(),
            schema: SchemaConfig::default(),
            surface: SurfaceConfig::default(),
            source: ConfigSource::default(),
        }
    }
}

/// Turns a list of `&str` into owned strings (for defaults).
pub(crate) fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

impl Contract {
    /// The ops root as a repository path (`ops`), borrowed: [`Contract::ops_path`] of `""`
    /// without a new string, for per-file tests.
    pub fn ops_dir(&self) -> &str {
        crate::path::trim_slashes(&self.ops_root)
    }

    /// `path` relative to [`Contract::ops_path`]`(rest)` when it is that directory (`""`)
    /// or lies below it (component-wise, as [`crate::RepoPath::strip_prefix`]), without
    /// joining the two: asked for every file of a tree, the joined `String` was most of
    /// the question's cost.
    pub fn ops_relative<'p>(&self, path: &'p str, rest: &str) -> Option<&'p str> {
        crate::path::strip_dir(path, self.ops_dir())
            .and_then(|below| crate::path::strip_dir(below, rest))
    }

    /// Whether `path` is [`Contract::ops_path`]`(rest)` or lies below it
    /// ([`Contract::ops_relative`]).
    pub fn within_ops(&self, path: &str, rest: &str) -> bool {
        self.ops_relative(path, rest).is_some()
    }

    /// Whether `path` lies strictly below [`Contract::ops_path`]`(rest)`: within it and not
    /// the directory itself ([`Contract::ops_relative`]).
    pub fn below_ops(&self, path: &str, rest: &str) -> bool {
        self.ops_relative(path, rest)
            .is_some_and(|below| !below.is_empty())
    }

    /// `ops_root` joined with a relative path, e.g. `ops/_schemas`.
    pub fn ops_path(&self, rest: &str) -> String {
        let root = self.ops_dir();
        let rest = rest.trim_matches('/');
        match (root.is_empty(), rest.is_empty()) {
            (true, _) => rest.to_string(),
            (false, true) => root.to_string(),
            (false, false) => format!("{root}/{rest}"),
        }
    }

    /// The JSON Schema of the config file (draft 2020-12): every key with its type, default
    /// and description, the `extend_` twin of every list key, and `warn` as a severity.
    pub fn json_schema() -> serde_json::Value {
        let mut schema = Contract::json_schema_without_twins();
        extend::add_twins(&mut schema);
        schema
    }

    /// The schema as derived from the config's types: [`Contract::json_schema`] without the
    /// `extend_` twins and the `warn` spelling.
    pub fn json_schema_without_twins() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(Contract)).unwrap_or_default()
    }
}

#[cfg(test)]
mod ops_relative_tests {
    use proptest::prelude::*;

    use super::Contract;
    use crate::RepoPath;

    fn part() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("/".to_string()),
            Just("ops".to_string()),
            Just("ops/".to_string()),
            Just("o".to_string()),
            Just("_meta".to_string()),
            Just("ops/_meta".to_string()),
            Just("/_meta/".to_string()),
        ]
    }

    proptest! {
        /// The unjoined answers are the joined ones: `ops_path(rest)`, then
        /// `RepoPath::strip_prefix`.
        #[test]
        fn ops_relative_is_strip_prefix_of_ops_path(
            root in part(),
            rest in part(),
            path in prop::collection::vec(prop_oneof![Just("ops"), Just("o"), Just("_meta"), Just("x")], 0..4),
        ) {
            let contract = Contract { ops_root: root, ..Contract::default() };
            let path = path.join("/");
            let joined = contract.ops_path(&rest);
            let want = RepoPath::new(&path).strip_prefix(&joined).map(str::to_string);
            prop_assert_eq!(contract.ops_relative(&path, &rest).map(str::to_string), want.clone());
            prop_assert_eq!(contract.within_ops(&path, &rest), RepoPath::new(&path).starts_with(&joined));
            prop_assert_eq!(
                contract.below_ops(&path, &rest),
                RepoPath::new(&path).starts_with(&joined) && path != joined
            );
        }
    }
}
