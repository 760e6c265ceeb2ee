//! The surface lock (`[surface] surface_lock`): for each release, the entrypoints it shipped
//! and which of them were deprecated. `ops-check gen` keeps the entry of the current release
//! equal to the surface; earlier entries are history and are never rewritten. DEP002 reads
//! the history to judge removals.

use ops_model::cache::parse_json;
use ops_model::{CheckContext, JsonError, RepoPath};
use semver::Version;
use serde::{Deserialize, Serialize};

use crate::problem::FileProblem;
use crate::release;
use crate::surface_file::SurfaceDecl;

/// The lock format version this crate reads and writes.
pub const LOCK_VERSION: u32 = 1;

/// The whole lock file: `{"lock_version": 1, "releases": [...]}`, unknown keys refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurfaceLock {
    pub(crate) lock_version: u32,
    /// Oldest release first.
    pub releases: Vec<LockedRelease>,
}

/// What one release shipped: `{"release": "1.2.0", "entrypoints": [...]}`, the release a
/// semantic version (a leading `v` allowed) and the entrypoints in the declaration's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedRelease {
    pub(crate) release: String,
    pub(crate) entrypoints: Vec<LockedEntrypoint>,
}

/// One entrypoint of a release: `{"target": "ops-old", "deprecated_since": "1.1.0",
/// "replacement": "ops-up"}`, the last two only for a deprecated one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LockedEntrypoint {
    pub target: String,
    /// Set when the entrypoint was deprecated in this release: the release it was
    /// deprecated since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated_since: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

impl LockedRelease {
    pub(crate) fn version(&self) -> Option<Version> {
        release::parse(&self.release)
    }
}

/// Reads the lock; `Ok(None)` when there is none yet.
pub fn read(cx: &CheckContext<'_>) -> Result<Option<SurfaceLock>, FileProblem> {
    let path = RepoPath::new(&cx.contract.surface.surface_lock);
    if !cx.index.contains(path.as_str()) {
        return Ok(None);
    }
    let problem = |line, message| FileProblem {
        path: path.clone(),
        line,
        message,
    };
    let text = crate::read::text(cx, &path)
        .map_err(|e| problem(None, format!("cannot read the surface lock `{path}`: {e}")))?;
    parse(text)
        .map(Some)
        .map_err(|(line, message)| problem(line, message))
}

/// Parses lock text; the error carries a line when it has one.
pub fn parse(text: &str) -> Result<SurfaceLock, (Option<u32>, String)> {
    // A well-formed lock is decoded in one pass, without building a JSON tree first (half
    // the cost on a large surface); a broken one goes the long way, for the same messages.
    let lock = match serde_json::from_str::<SurfaceLock>(text) {
        Ok(lock) => lock,
        Err(_) => parse_slowly(text)?,
    };
    check(lock)
}

fn parse_slowly(text: &str) -> Result<SurfaceLock, (Option<u32>, String)> {
    let value = parse_json(text).map_err(|e| match e {
        JsonError::Syntax { line, message, .. } => (
            Some(line),
            format!("the surface lock is not valid JSON: {message}"),
        ),
        other => (None, other.to_string()),
    })?;
    serde_json::from_value(value).map_err(|e| {
        (
            None,
            format!("the surface lock does not have the expected shape: {e}"),
        )
    })
}

/// The lock's version and release names are what this crate reads.
fn check(lock: SurfaceLock) -> Result<SurfaceLock, (Option<u32>, String)> {
    if lock.lock_version != LOCK_VERSION {
        return Err((
            None,
            format!(
                "the surface lock has lock_version {}, this ops-check reads {LOCK_VERSION}",
                lock.lock_version
            ),
        ));
    }
    for r in &lock.releases {
        if r.version().is_none() {
            return Err((
                None,
                format!(
                    "the surface lock names release `{}`, which is not a semantic version",
                    r.release
                ),
            ));
        }
    }
    Ok(lock)
}

/// The entry the surface gives for `current`.
pub fn entry_for(decl: &SurfaceDecl, current: &Version) -> LockedRelease {
    LockedRelease {
        release: current.to_string(),
        entrypoints: decl
            .entrypoints
            .iter()
            .map(|e| {
                let dep = decl.deprecation(&e.name);
                LockedEntrypoint {
                    target: e.name.clone(),
                    deprecated_since: dep
                        .map(|d| d.since.clone().unwrap_or_else(|| current.to_string())),
                    replacement: dep.and_then(|d| d.replacement.clone()),
                }
            })
            .collect(),
    }
}

/// The lock after recording the surface as the entry for `current`: that entry is replaced
/// (or added), every other entry is kept, releases sorted oldest first.
pub fn updated(
    existing: Option<SurfaceLock>,
    decl: &SurfaceDecl,
    current: &Version,
) -> SurfaceLock {
    let mut lock = existing.unwrap_or(SurfaceLock {
        lock_version: LOCK_VERSION,
        releases: Vec::new(),
    });
    lock.releases
        .retain(|r| r.version().as_ref() != Some(current));
    lock.releases.push(entry_for(decl, current));
    lock.releases.sort_by_key(LockedRelease::version);
    lock
}

/// The lock as written: pretty JSON with a final newline.
pub fn render(lock: &SurfaceLock) -> String {
    let mut text = serde_json::to_string_pretty(lock).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface_file::{Declared, Deprecation};

    fn decl() -> SurfaceDecl {
        SurfaceDecl::new(
            RepoPath::new("s.json"),
            ["ops-old", "ops-up"]
                .iter()
                .map(|n| Declared {
                    name: n.to_string(),
                    line: 1,
                })
                .collect(),
            vec![Deprecation {
                target: "ops-old".into(),
                since: Some("1.1.0".into()),
                replacement: Some("ops-up".into()),
                line: 1,
            }],
        )
    }

    #[test]
    fn update_replaces_only_the_current_release_and_round_trips() {
        let v = |s| Version::parse(s).unwrap();
        let first = updated(None, &decl(), &v("1.1.0"));
        let older = SurfaceDecl::new(RepoPath::new("s.json"), decl().entrypoints, Vec::new());
        let mut lock = first.clone();
        lock.releases.insert(0, entry_for(&older, &v("1.0.0")));
        let again = updated(Some(lock), &decl(), &v("1.1.0"));
        assert_eq!(again.releases.len(), 2);
        assert_eq!(again.releases[0].release, "1.0.0");
        assert_eq!(again.releases[1], first.releases[0]);
        let text = render(&again);
        assert_eq!(parse(&text).unwrap(), again);
        assert!(text.contains("\"deprecated_since\": \"1.1.0\""));
        assert!(!text.to_lowercase().contains("generated"));
    }

    #[test]
    fn bad_locks_are_problems() {
        assert_eq!(parse("{").unwrap_err().0, Some(1));
        assert!(
            parse("{\"lock_version\": 2, \"releases\": []}")
                .unwrap_err()
                .1
                .contains("lock_version 2")
        );
        assert!(
            parse(
                "{\"lock_version\": 1, \"releases\": [{\"release\": \"x\", \"entrypoints\": []}]}"
            )
            .is_err()
        );
        assert!(parse("{\"lock_version\": 1, \"releases\": [], \"extra\": 1}").is_err());
    }
}
