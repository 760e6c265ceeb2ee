//! DEP002: a stable entrypoint is removed only after one release window of deprecation,
//! and from everywhere at once.

use std::collections::HashMap;

use ops_model::{CheckContext, Finding, RepoPath, Rule, RuleMeta, Severity, declare_rule};

use crate::index_md::Listing;
use crate::lock::{self, LockedRelease};
use crate::model::model;
use crate::release;

declare_rule! {
    /// Removals respect the deprecation window.
    pub RemovalWithoutWindow {
        code: "DEP002",
        slug: "removal-without-window",
        clause: "Script deprecations must preserve Make target behavior for at least one release window. Removal requires updating `ops/_meta/surface.json`, `ops/INDEX.md`, and generated ops docs.",
        severity: Error,
        summary: "a removed entrypoint shipped deprecated for at least one release window, and is gone from surface.json, INDEX.md and the generated docs together",
        budgets: ["make"],
        explanation: r#"## What

Compares the surface with the surface lock (`[surface] surface_lock`, default
`ops/_meta/surface.lock.json`). `ops-check gen` writes the lock: for each release, the
entrypoints it shipped and which were deprecated (`deprecated_since`, `replacement`). The
current release is the `Contract version:` of `[surface] release_file` (default
`ops/CONTRACT.md`); the lock's entry for it tracks the working tree, earlier entries are
history.

An entrypoint is *removed* when the latest locked release before the current one lists it
and `surface.json` no longer does. A removal is allowed when:

1. **one release window has passed**: the entrypoint is listed as deprecated in at least
   `[surface] deprecation_window` (default 1) locked releases *before* the current one. In
   other words, at least one published release shipped it deprecated but still working.
   Deprecating and removing in the same release is not a window;
2. **it is gone everywhere at once**: it is no longer listed in `ops/INDEX.md`, no longer
   named in `docs/_generated/ops-surface.md`, and no longer has a `deprecated` entry in
   `surface.json`.

The rule also reports a lock it cannot read (an error: the history it records is lost).

## Inference and severity

Without a lock nothing can be compared: the rule says so once, as an `info`, until the
repository has one (`ops-check gen` writes it; the contract does not require it before
then). When the current release cannot be read (no `Contract version:` line, or one that is
not semver) it also says so once, as an `info`: the missing or malformed line itself is
LAY008's finding. With no locked release before the current one there is nothing to compare
and nothing is reported.

## Why

Operators and CI call Make targets by name. Removing one without a release in which it
warned first breaks them without notice; removing it from `surface.json` but leaving it in
the index or the docs tells people to run something that no longer exists.

## Fix

Restore the entrypoint and deprecate it instead: add
`{"target": "ops-old", "since": "<this release>", "replacement": "ops-new"}` to
`deprecated` in `surface.json`, make its recipe print the migration guidance (DEP001), run
`ops-check gen`, and release. Remove it in a later release, from `surface.json`,
`ops/INDEX.md` and (by running `ops-check gen`) the generated docs in the same change.

## Example

Lock with `1.0.0` (`ops-old` stable) and `1.1.0` (`ops-old` deprecated since `1.1.0`);
`ops/CONTRACT.md` says `1.2.0`: removing `ops-old` now is allowed. With the same lock and
`1.1.0` as the current release, it is not: `1.1.0` has not shipped yet.
"#,
    }
}

impl Rule for RemovalWithoutWindow {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn prepare(&self, cx: &CheckContext<'_>) {
        crate::model::prefetch(cx);
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let m = model(cx);
        let Some(decl) = m.decl() else {
            return Vec::new();
        };
        // The index is read only when some removed entrypoint asks about it.
        let index = std::cell::LazyCell::new(|| crate::model::read_index(cx));
        let lock_path = RepoPath::new(&cx.contract.surface.surface_lock);
        let locked = match lock::read(cx) {
            Ok(Some(l)) => l,
            Ok(None) => {
                return vec![
                    Finding::new(
                        &Self::META,
                        lock_path,
                        "no surface lock yet: removals of entrypoints cannot be checked",
                    )
                    .severity(Severity::Info)
                    .help("run `ops-check gen` and commit the lock it writes, to record this release's surface"),
                ];
            }
            Err(p) => {
                return vec![p.finding(&Self::META).help(
                    "restore the lock from version control, or delete it and run `ops-check gen` (history is lost)",
                )];
            }
        };
        let current = match release::current(cx) {
            Ok(r) => r,
            // The release file and its version line are LAY008's: say only what this rule
            // could not do.
            Err(why) => {
                return vec![
                    Finding::new(
                        &Self::META,
                        RepoPath::new(&cx.contract.surface.release_file),
                        format!("cannot compare releases: {why}"),
                    )
                    .severity(Severity::Info)
                    .help("declare the release as a `- Contract version: `X.Y.Z`` line"),
                ];
            }
        };
        let history: Vec<&LockedRelease> = locked
            .releases
            .iter()
            .filter(|r| r.version().is_some_and(|v| v < current.version))
            .collect();
        let Some(previous) = history.last() else {
            return Vec::new();
        };
        let window = cx.contract.surface.deprecation_window;
        let surface_doc = RepoPath::new(&cx.contract.surface.generated_surface_doc);
        // Read only when something was removed: on a large surface the page is as large.
        let removed = previous
            .entrypoints
            .iter()
            .any(|e| !decl.is_entrypoint(&e.target));
        let documented = if removed {
            crate::read::text(cx, &surface_doc)
                .ok()
                .map(|t| Listing::read(t, &cx.contract.surface.target_prefix))
        } else {
            None
        };
        // Target -> the releases of the history that shipped it deprecated.
        let mut shipped_deprecated: HashMap<&str, Vec<&str>> = HashMap::new();
        for r in &history {
            for e in r
                .entrypoints
                .iter()
                .filter(|e| e.deprecated_since.is_some())
            {
                shipped_deprecated
                    .entry(e.target.as_str())
                    .or_default()
                    .push(r.release.as_str());
            }
        }
        let mut out = Vec::new();
        for gone in previous
            .entrypoints
            .iter()
            .filter(|e| !decl.is_entrypoint(&e.target))
        {
            let name = &gone.target;
            let shipped = shipped_deprecated
                .get(name.as_str())
                .map_or(&[][..], Vec::as_slice);
            if shipped.len() < window {
                let shipped_text = if shipped.is_empty() {
                    format!(
                        "no release shipped it deprecated ({} lists it as stable)",
                        previous.release
                    )
                } else {
                    format!("it shipped deprecated only in {}", shipped.join(", "))
                };
                out.push(
                    Finding::new(
                        &Self::META,
                        decl.path.clone(),
                        format!(
                            "entrypoint `{name}` is removed in {} without a deprecation window: {shipped_text}; at least {window} release(s) must ship it deprecated first",
                            current.version
                        ),
                    )
                    .help(format!(
                        "restore `{name}` in `entrypoints`, add it to `deprecated` with `since: \"{}\"` and a replacement, and remove it in a later release",
                        current.version
                    )),
                );
            }
            // Gone from everywhere at once.
            if let Some(d) = decl.deprecation(name) {
                out.push(
                    Finding::new(
                        &Self::META,
                        decl.path.clone(),
                        format!("removed entrypoint `{name}` still has a `deprecated` entry"),
                    )
                    .help("remove the `deprecated` entry together with the entrypoint")
                    .at_line(d.line),
                );
            }
            if let Ok((index_path, listing)) = &*index
                && let Some(l) = listing.get(name)
            {
                out.push(
                    Finding::new(
                        &Self::META,
                        index_path.clone(),
                        format!("removed entrypoint `{name}` is still listed in the index"),
                    )
                    .help("remove its row from the index in the same change")
                    .at_line(l.line),
                );
            }
            if let Some(l) = documented.as_ref().and_then(|d| d.get(name)) {
                out.push(
                    Finding::new(
                        &Self::META,
                        surface_doc.clone(),
                        format!("removed entrypoint `{name}` is still documented here"),
                    )
                    .help("run `ops-check gen` and commit the result")
                    .at_line(l.line),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    const LOCK: &str = r#"{
  "lock_version": 1,
  "releases": [
    {"release": "1.0.0", "entrypoints": [{"target": "ops-old"}, {"target": "ops-up"}]},
    {"release": "1.1.0", "entrypoints": [
      {"target": "ops-old", "deprecated_since": "1.1.0", "replacement": "ops-up"},
      {"target": "ops-up"}
    ]}
  ]
}
"#;

    fn repo(version: &str, surface: &str, index: &str) -> TestRepo {
        TestRepo::new()
            .file(
                "ops/CONTRACT.md",
                &format!("# Ops\n\n- Contract version: `{version}`\n"),
            )
            .file("ops/_meta/surface.json", surface)
            .file("ops/_meta/surface.lock.json", LOCK)
            .file("ops/INDEX.md", index)
    }

    const AFTER: &str = "{\"entrypoints\": [\"ops-up\"], \"deprecated\": []}";

    #[test]
    fn removal_after_a_window_is_clean() {
        let r = repo("1.2.0", AFTER, "`ops-up`\n");
        assert_eq!(
            r.context().run_lines(&RemovalWithoutWindow),
            Vec::<String>::new()
        );
        // Keeping it is always fine.
        let r = repo(
            "1.1.0",
            "{\"entrypoints\": [\"ops-old\", \"ops-up\"]}",
            "`ops-up`\n",
        );
        assert!(r.context().run(&RemovalWithoutWindow).is_empty());
    }

    #[test]
    fn removal_in_the_deprecating_release_is_reported() {
        // Current 1.1.0: history is 1.0.0 only, where ops-old was stable.
        let r = repo("1.1.0", AFTER, "`ops-up`\n");
        let lines = r.context().run_lines(&RemovalWithoutWindow);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("removed in 1.1.0 without a deprecation window: no release shipped it deprecated (1.0.0 lists it as stable)"), "{lines:?}");
    }

    #[test]
    fn leftovers_are_reported_where_they_are() {
        let surface =
            "{\"entrypoints\": [\"ops-up\"],\n\"deprecated\": [\n{\"target\": \"ops-old\"}]}";
        let r = repo("1.2.0", surface, "`ops-up`\n\nmake ops-old\n").file(
            "docs/_generated/ops-surface.md",
            "# s\n\n| `ops-old` | x |\n",
        );
        let f = r.context().run(&RemovalWithoutWindow);
        let got: Vec<_> = f
            .iter()
            .map(|f| format!("{}:{}", f.path, f.span.map_or(0, |s| s.line)))
            .collect();
        assert_eq!(
            got,
            [
                "docs/_generated/ops-surface.md:3",
                "ops/INDEX.md:3",
                "ops/_meta/surface.json:3"
            ]
        );
    }

    #[test]
    fn unreadable_lock_and_release() {
        let r = repo("1.2.0", AFTER, "`ops-up`\n").file("ops/_meta/surface.lock.json", "{\n,");
        let f = r.context().run(&RemovalWithoutWindow);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.map(|s| s.line), Some(2));
        // Issue 11 item 7: a version that is not semver is LAY008's; here only an info.
        let r = repo("1.2.0", AFTER, "`ops-up`\n")
            .file("ops/CONTRACT.md", "# Ops\n\n- Contract version: one\n");
        let f = r.context().run(&RemovalWithoutWindow);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(
            f[0].message,
            "cannot compare releases: `ops/CONTRACT.md` has no `Contract version:` line with a \
             semantic version (X.Y.Z)"
        );
    }

    /// Issue 11 item 19: no lock yet is one info, not an error.
    #[test]
    fn no_lock_is_one_info() {
        let r = TestRepo::new()
            .file("ops/CONTRACT.md", "- Contract version: `1.0.0`\n")
            .file("ops/_meta/surface.json", AFTER);
        let f = r.context().run(&RemovalWithoutWindow);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(f[0].path.as_str(), "ops/_meta/surface.lock.json");
    }
}
