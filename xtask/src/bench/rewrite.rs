//! Rewriting a replicated file so that its references stay inside its own shard.
//!
//! A shard copies a *unit* (a directory such as `ops/k8s`) one level deeper, to
//! `ops/k8s/shard-0003/`. A copy keeps working as its original did when every path in it that
//! leaves the unit is adjusted:
//!
//! - a relative run of `..` that climbs out of the unit gets one more `..`, and when it lands
//!   in the unit's parent and goes down into a replicated unit (`../../stack/tests/x.sh` from
//!   `ops/k8s/tests/`), it goes into that unit's copy of the same shard;
//! - a repository-relative path into a replicated unit (`ops/stack/compose/x.yaml`) points
//!   into the same shard;
//! - a schema URL (`https://host/ops/schemas/load/suite.v1.schema.json`, the legacy fixture's
//!   `$id` scheme) into a replicated schema directory points into the same shard, so copied
//!   schemas keep distinct `$id`s and copied manifests bind to their own copies.

use regex::{Captures, Regex};

/// A replicated directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Repository-relative path, `/`-separated (`ops/k8s`).
    pub path: String,
    /// Whether it is a schema directory (`ops/_schemas/load`), named in schema URLs.
    pub schemas: bool,
}

impl Unit {
    fn parent(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(p, _)| p)
    }

    fn name(&self) -> &str {
        self.path.rsplit_once('/').map_or(&self.path, |(_, n)| n)
    }
}

/// The rewriting for one shard of a set of units; compile once, apply to every file.
#[derive(Debug)]
pub struct ShardRewriter {
    units: Vec<Unit>,
    shard: String,
    dots: Regex,
    absolute: Regex,
}

impl ShardRewriter {
    /// `shard` is the directory name inserted below each unit (`shard-0003`).
    pub fn new(units: &[Unit], shard: &str) -> Result<ShardRewriter, String> {
        // A run of `..` segments, not part of a longer name (`a..b`, `...`, `..x`), and what
        // follows it: the next segment, a lone `/`, another character or the end. The regex
        // crate has no look-around, so the characters on either side are captured.
        let dots = Regex::new(
            r"(^|[^A-Za-z0-9_.\-])(\.\.(?:/\.\.)*)(/[A-Za-z0-9_\-][A-Za-z0-9_.\-]*|/|[^A-Za-z0-9_.\-/]|$)",
        )
        .map_err(|e| e.to_string())?;
        let mut alternatives: Vec<String> = units.iter().map(|u| regex::escape(&u.path)).collect();
        alternatives.sort_by_key(|a| std::cmp::Reverse(a.len()));
        let schema_names: Vec<String> = units
            .iter()
            .filter(|u| u.schemas)
            .map(|u| regex::escape(u.name()))
            .collect();
        let mut pattern = format!(
            r"(?P<pre>^|[^A-Za-z0-9_.\-])(?P<unit>{})/",
            alternatives.join("|")
        );
        if !schema_names.is_empty() {
            pattern.push_str(&format!(
                r"|/schemas/(?P<schema>{})/",
                schema_names.join("|")
            ));
        }
        let absolute = Regex::new(&pattern).map_err(|e| e.to_string())?;
        Ok(ShardRewriter {
            units: units.to_vec(),
            shard: shard.to_string(),
            dots,
            absolute,
        })
    }

    /// The text of `unit`'s file `rest` (its path below the unit) as it reads in the shard.
    pub fn rewrite(&self, unit: &Unit, rest: &str, text: &str) -> String {
        let depth = rest.matches('/').count();
        let shard = &self.shard;
        let relative = self.dots.replace_all(text, |c: &Captures<'_>| {
            let pre = &c[1];
            let run = &c[2];
            let next = &c[3];
            let climbs = run.split('/').count();
            if climbs <= depth {
                return format!("{pre}{run}{next}");
            }
            let mut out = format!("{pre}../{run}{next}");
            let sibling = next.strip_prefix('/').unwrap_or("");
            let lands_in_parent = climbs == depth + 1;
            if lands_in_parent
                && self
                    .units
                    .iter()
                    .any(|u| u.parent() == unit.parent() && u.name() == sibling)
            {
                out.push('/');
                out.push_str(shard);
            }
            out
        });
        self.absolute
            .replace_all(&relative, |c: &Captures<'_>| {
                if let Some(schema) = c.name("schema") {
                    format!("/schemas/{}/{shard}/", schema.as_str())
                } else {
                    format!("{}{}/{shard}/", &c["pre"], &c["unit"])
                }
            })
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn units() -> Vec<Unit> {
        let unit = |path: &str, schemas| Unit {
            path: path.into(),
            schemas,
        };
        vec![
            unit("ops/stack", false),
            unit("ops/k8s", false),
            unit("ops/_schemas/load", true),
            unit("docs/runbooks", false),
        ]
    }

    fn rewrite(unit: usize, rest: &str, text: &str) -> String {
        let units = units();
        ShardRewriter::new(&units, "shard-0003")
            .unwrap()
            .rewrite(&units[unit], rest, text)
    }

    #[test]
    fn relative_paths_out_of_the_unit_climb_one_more_level() {
        assert_eq!(
            rewrite(
                1,
                "scripts/deploy.sh",
                r#"source "$(dirname "$0")/../../_lib/common.sh""#
            ),
            r#"source "$(dirname "$0")/../../../_lib/common.sh""#
        );
        assert_eq!(
            rewrite(1, "tests/lib.sh", r#"ROOT="$(cd "$HERE/../../.." && pwd)""#),
            r#"ROOT="$(cd "$HERE/../../../.." && pwd)""#
        );
    }

    #[test]
    fn relative_paths_inside_the_unit_are_kept() {
        let text = r#"source "$(dirname "$0")/../lib/x.sh"; cat ./a/../b"#;
        assert_eq!(rewrite(1, "tests/sub/t.sh", text), text);
    }

    #[test]
    fn a_sibling_unit_is_entered_in_the_same_shard() {
        assert_eq!(
            rewrite(
                1,
                "tests/test_store.sh",
                "source ../../stack/tests/cluster.sh"
            ),
            "source ../../../stack/shard-0003/tests/cluster.sh"
        );
        // `_lib` is not replicated.
        assert_eq!(
            rewrite(1, "tests/t.sh", "../../_lib/x.sh"),
            "../../../_lib/x.sh"
        );
    }

    #[test]
    fn schema_refs_and_urls_follow_the_shard() {
        assert_eq!(
            rewrite(
                2,
                "suite.v1.schema.json",
                r#""$ref": "../common.v1.schema.json#/a""#
            ),
            r#""$ref": "../../common.v1.schema.json#/a""#
        );
        assert_eq!(
            rewrite(
                2,
                "suite.v1.schema.json",
                r#""$id": "https://atlas.example/ops/schemas/load/suite.v1.schema.json""#
            ),
            r#""$id": "https://atlas.example/ops/schemas/load/shard-0003/suite.v1.schema.json""#
        );
    }

    #[test]
    fn repository_paths_into_units_follow_the_shard() {
        assert_eq!(
            rewrite(
                3,
                "deploy.md",
                "run `$REPO_ROOT/ops/stack/compose/a.yaml` and ops/_lib/x.sh and myops/stack/y"
            ),
            "run `$REPO_ROOT/ops/stack/shard-0003/compose/a.yaml` and ops/_lib/x.sh and myops/stack/y"
        );
        assert_eq!(
            rewrite(0, "x.sh", "ops/_schemas/load/suite.v1.schema.json"),
            "ops/_schemas/load/shard-0003/suite.v1.schema.json"
        );
    }

    #[test]
    fn names_with_dots_are_not_runs() {
        let text = "a..b ... v1..v2 ..x";
        assert_eq!(rewrite(0, "x.sh", text), text);
    }
}
