//! Static analysis of where scripts, makefiles and manifests write (ART009).
//!
//! Values are expanded into plain text in which three marker characters stand for what
//! cannot be spelled as a path: [`ROOT`] (a repository-root variable such as `${REPO_ROOT}`
//! or `$(ROOT)`), [`SCRIPT_DIR`] (`$(dirname "$0")` and its friends) and [`UNKNOWN`]
//! (anything that cannot be resolved statically: positional parameters, command output,
//! variables set elsewhere). [`resolve`] then turns an expanded value into a repository path,
//! or gives up: what cannot be resolved is skipped, never guessed.

pub mod lexer;
pub mod make;
pub mod manifest;
pub mod shell;

use std::collections::HashSet;

use ops_model::RepoPath;

/// Stands for the repository root.
pub const ROOT: char = '\u{1}';
/// Stands for something that cannot be resolved.
pub const UNKNOWN: char = '\u{2}';
/// Stands for the directory of the script being read.
pub const SCRIPT_DIR: char = '\u{3}';

/// One place a file writes to (or sets as an output root).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteTarget {
    /// Byte offset of the target in the analysed text.
    pub offset: usize,
    /// What writes: "`mkdir -p`", "redirection `>`", "assignment of `OUT_DIR`".
    pub what: String,
    /// The target as written.
    pub raw: String,
    /// The target expanded (with marker characters).
    pub value: String,
}

/// Names and words the analysers need from the config.
pub struct Vocabulary {
    /// Variables that hold the repository root.
    pub root_variables: HashSet<String>,
    /// Lower-case words that make a name an output location.
    pub output_words: HashSet<String>,
}

impl Vocabulary {
    pub fn new(root_variables: &[String], output_words: &[String]) -> Vocabulary {
        Vocabulary {
            root_variables: root_variables.iter().cloned().collect(),
            output_words: output_words.iter().map(|w| w.to_lowercase()).collect(),
        }
    }

    /// Whether a variable or key name names an output location: one of its words
    /// (`_`/`-`/`.`-separated, or camelCase) is an output word.
    pub fn is_output_name(&self, name: &str) -> bool {
        words(name).any(|w| self.output_words.contains(&w))
    }
}

/// The lower-case words of a name: `OUT_DIR` gives `out`, `dir`; `evidenceDir` gives
/// `evidence`, `dir`.
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(['_', '-', '.']).flat_map(|part| {
        let mut out = Vec::new();
        let mut cur = String::new();
        let chars: Vec<char> = part.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let boundary = i > 0
                && c.is_uppercase()
                && (chars[i - 1].is_lowercase()
                    || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.extend(c.to_lowercase());
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    })
}

/// A write target resolved to the repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The target itself (complete) or the directory it lies strictly below (incomplete).
    pub path: RepoPath,
    /// The whole target resolved; otherwise only `path`, a directory above it, is known.
    pub complete: bool,
}

/// Resolves an expanded value to a repository path.
///
/// A value anchored at [`ROOT`] or [`SCRIPT_DIR`] is a repository path. A plain relative
/// value is taken relative to the repository root (operator entrypoints run from it) only
/// when its first component says it is a repository path (`is_repo_top` decides: the
/// `ops/` tree, an existing top-level entry, an output directory name); otherwise it is
/// relative to an unknown working directory and skipped. Absolute paths, home-relative
/// paths and paths that leave the root are not repository paths.
pub fn resolve(
    value: &str,
    script_dir: &RepoPath,
    is_repo_top: &dyn Fn(&str) -> bool,
) -> Option<Resolved> {
    let (mut parts, rest, anchored): (Vec<String>, &str, bool) =
        if let Some(rest) = value.strip_prefix(ROOT) {
            (Vec::new(), rest, true)
        } else if let Some(rest) = value.strip_prefix(SCRIPT_DIR) {
            (
                script_dir.components().map(str::to_string).collect(),
                rest,
                true,
            )
        } else if value.is_empty()
            || value.starts_with(['/', '~', UNKNOWN, '-'])
            || value.contains("://")
        {
            return None;
        } else {
            (Vec::new(), value, false)
        };
    if rest.contains([ROOT, SCRIPT_DIR]) {
        return None;
    }
    let (known, complete) = match rest.find(UNKNOWN) {
        None => (rest, true),
        // Only whole components before the unknown part are known.
        Some(i) => (rest[..i].rfind('/').map_or("", |s| &rest[..s]), false),
    };
    for comp in known.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c.to_string()),
        }
    }
    if parts.is_empty() {
        return None;
    }
    if !anchored && !is_repo_top(&parts[0]) {
        return None;
    }
    Some(Resolved {
        path: RepoPath::new(parts.join("/")),
        complete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(c: &str) -> bool {
        matches!(c, "ops" | "artifacts")
    }

    fn r(v: &str) -> Option<(String, bool)> {
        resolve(v, &RepoPath::new("ops/k8s/scripts"), &top)
            .map(|r| (r.path.to_string(), r.complete))
    }

    #[test]
    fn resolves_anchored_and_known_relative_paths() {
        assert_eq!(r("\u{1}/artifacts/x"), Some(("artifacts/x".into(), true)));
        assert_eq!(
            r("\u{3}/../out/a.json"),
            Some(("ops/k8s/out/a.json".into(), true))
        );
        assert_eq!(
            r("artifacts/ops/\u{2}"),
            Some(("artifacts/ops".into(), false))
        );
        assert_eq!(
            r("artifacts/run-\u{2}/x"),
            Some(("artifacts".into(), false))
        );
        assert_eq!(r("ops/_artifacts"), Some(("ops/_artifacts".into(), true)));
    }

    #[test]
    fn skips_what_cannot_be_resolved() {
        assert_eq!(r("out.json"), None);
        assert_eq!(r("/tmp/x"), None);
        assert_eq!(r("~/x"), None);
        assert_eq!(r("\u{2}/x"), None);
        assert_eq!(r("\u{1}/../x"), None);
        assert_eq!(r("\u{1}"), None);
        assert_eq!(r("\u{1}/\u{2}"), None);
        assert_eq!(r("https://x/y"), None);
    }

    #[test]
    fn output_names() {
        let v = Vocabulary::new(
            &[],
            &[
                "out".into(),
                "artifacts".into(),
                "evidence".into(),
                "run".into(),
            ],
        );
        assert!(v.is_output_name("OUT_DIR"));
        assert!(v.is_output_name("ARTIFACTS_ROOT"));
        assert!(v.is_output_name("evidenceDir"));
        assert!(v.is_output_name("OPS_RUN_DIR"));
        assert!(!v.is_output_name("CHART_DIR"));
        assert!(!v.is_output_name("RUNNER"));
        assert!(!v.is_output_name("layout"));
    }
}
