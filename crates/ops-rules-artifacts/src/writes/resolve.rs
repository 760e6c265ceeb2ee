//! From a statically known value ([`StaticValue`]) to a repository path, or nothing: what
//! cannot be resolved is skipped, never guessed.

use ops_model::RepoPath;
use ops_syntax::{Anchor, Part, StaticValue};

/// The directory a relative path is relative to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cwd {
    /// Where the script, recipe or tool was started. Operator entrypoints run from the
    /// repository root, so a relative path is taken from the root, but only when its first
    /// component says it is a repository path (see [`resolve`]).
    Start,
    /// A directory the script changed to (`cd "$ROOT/ops"`).
    Known(StaticValue),
    /// A directory that cannot be known (`cd "$(mktemp -d)"`): relative paths are skipped.
    Unknown,
}

/// A write target resolved to the repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The target itself (complete) or the directory it lies strictly below (incomplete).
    pub path: RepoPath,
    /// The whole target is known; otherwise only `path`, a directory above it, is.
    pub complete: bool,
}

impl Resolved {
    /// The path as messages show it: `artifacts/ops/…` when only its start is known.
    pub fn shown(&self) -> String {
        if self.complete {
            self.path.to_string()
        } else {
            format!("{}/…", self.path)
        }
    }
}

/// Resolves `value` to a repository path.
///
/// A value anchored at the root or at the script's directory (`script_dir`) is a repository
/// path. A relative value is joined to `cwd`: from [`Cwd::Start`] it is taken from the root
/// only when `is_repo_top` accepts its first component (the ops tree, an existing top-level
/// entry, an output directory name); other relative paths depend on a working directory
/// that is not known. Absolute paths (`/tmp`), home-relative ones, URLs, options (`-`) and
/// paths that leave the root are not repository paths. Of a partly known value only the
/// whole components before the first unknown stretch count.
pub fn resolve(
    value: &StaticValue,
    cwd: &Cwd,
    script_dir: &RepoPath,
    is_repo_top: &dyn Fn(&str) -> bool,
) -> Option<Resolved> {
    let (base, gated) = match value.anchor {
        Anchor::Root => (RepoPath::root(), false),
        Anchor::ScriptDir => (script_dir.clone(), false),
        Anchor::None => {
            let head = match value.parts.first() {
                Some(Part::Text(t)) => t.as_str(),
                _ => return None,
            };
            if head.starts_with(['/', '~', '-']) || head.contains("://") {
                return None;
            }
            match cwd {
                Cwd::Start => (RepoPath::root(), true),
                Cwd::Known(dir) => {
                    let dir = resolve(dir, &Cwd::Unknown, script_dir, is_repo_top)?;
                    if !dir.complete {
                        return None;
                    }
                    (dir.path, false)
                }
                Cwd::Unknown => return None,
            }
        }
    };
    let (known, complete) = known_text(value);
    if value.anchor == Anchor::ScriptDir && known.split('/').all(|c| c.is_empty() || c == ".") {
        // The script's own directory: it exists already.
        return None;
    }
    // The text after an anchor (`$ROOT/x`, `$(dirname "$0")/x`) starts with `/` but is
    // relative to the anchor; the one lexical normaliser refuses a `..` that leaves the root.
    let path = base.resolve(known.trim_start_matches('/'))?;
    let first = path.components().next()?;
    if gated && !is_repo_top(first) {
        return None;
    }
    Some(Resolved { path, complete })
}

/// The known text of `value` up to its first unknown stretch, cut after the last `/` when
/// something unknown follows (`artifacts/run-…` knows `artifacts` only), and whether the
/// whole value is known.
fn known_text(value: &StaticValue) -> (String, bool) {
    let mut text = String::new();
    for part in &value.parts {
        match part {
            Part::Text(t) => text.push_str(t),
            Part::Unknown => {
                let cut = text.rfind('/').unwrap_or(0);
                text.truncate(cut);
                return (text, false);
            }
        }
    }
    (text, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(c: &str) -> bool {
        matches!(c, "ops" | "artifacts")
    }

    fn value(text: &str) -> StaticValue {
        let (anchor, rest) = if let Some(r) = text.strip_prefix("$ROOT") {
            (Anchor::Root, r)
        } else if let Some(r) = text.strip_prefix("$DIR") {
            (Anchor::ScriptDir, r)
        } else {
            (Anchor::None, text)
        };
        let mut v = StaticValue::anchored(anchor, "");
        for (i, piece) in rest.split('?').enumerate() {
            if i > 0 {
                v.push_unknown();
            }
            v.push_text(piece);
        }
        v
    }

    fn r(text: &str, cwd: &Cwd) -> Option<String> {
        resolve(&value(text), cwd, &RepoPath::new("ops/k8s/scripts"), &top).map(|r| r.shown())
    }

    #[test]
    fn resolves_anchored_and_known_relative_paths() {
        let s = &Cwd::Start;
        assert_eq!(r("$ROOT/artifacts/x", s).as_deref(), Some("artifacts/x"));
        assert_eq!(
            r("$DIR/../out/a.json", s).as_deref(),
            Some("ops/k8s/out/a.json")
        );
        assert_eq!(
            r("$DIR/../../../artifacts/x", s).as_deref(),
            Some("artifacts/x")
        );
        assert_eq!(r("artifacts/ops/?", s).as_deref(), Some("artifacts/ops/…"));
        assert_eq!(r("artifacts/run-?/x", s).as_deref(), Some("artifacts/…"));
        assert_eq!(r("ops/_artifacts", s).as_deref(), Some("ops/_artifacts"));
        let ops = Cwd::Known(value("$ROOT/ops"));
        assert_eq!(r("load/x", &ops).as_deref(), Some("ops/load/x"));
    }

    #[test]
    fn skips_what_cannot_be_resolved() {
        let s = &Cwd::Start;
        for text in [
            "out.json",
            "/tmp/x",
            "~/x",
            "?/x",
            "$ROOT/../x",
            "$ROOT",
            "$ROOT/?",
            "https://x/y",
            "-",
            "$DIR",
        ] {
            assert_eq!(r(text, s), None, "{text}");
        }
        assert_eq!(r("artifacts/x", &Cwd::Unknown), None);
        assert_eq!(r("artifacts/x", &Cwd::Known(value("?/tmp"))), None);
    }
}
