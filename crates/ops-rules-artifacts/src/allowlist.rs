//! The artifacts allowlist (`configs/ops/artifacts-allowlist.txt`): parsed once per run and
//! shared by the rules that ask "is this path an explicit exception?".
//!
//! Format: one entry per line; `#` starts a comment (at the start of a line, or after
//! whitespace); blank lines are ignored. An entry is a repo-relative path or path glob
//! (`artifacts/ops/*`: `*` stays inside one component, `**` crosses them). A trailing `/`
//! only says "directory": `a/` and `a` are the same entry. An entry covers the path it names
//! and everything below it.

// hashbrown's default hasher: `covering` hashes every ancestor of every file of the tree.
use hashbrown::{HashMap, HashSet};

use globset::{GlobBuilder, GlobMatcher};
use ops_model::{CheckContext, ReadError, RepoPath};

/// One entry as written, with where it was written.
#[derive(Clone, Debug)]
pub struct RawEntry {
    /// 1-based line number.
    pub line: u32,
    /// The entry text, comment and surrounding blanks removed.
    pub text: String,
    /// What is wrong with its form ([`problem`]), if anything: such an entry is not used.
    pub problem: Option<String>,
}

/// A usable entry.
#[derive(Clone, Debug)]
pub struct Entry {
    pub line: u32,
    /// Normalized: no trailing `/`.
    pub pattern: String,
    matcher: Option<GlobMatcher>,
}

impl Entry {
    /// True when the entry names `path` or one of its ancestors.
    pub fn covers(&self, path: &RepoPath) -> bool {
        path.with_ancestors().any(|p| self.matches_exactly(p))
    }

    fn matches_exactly(&self, path: &str) -> bool {
        match &self.matcher {
            Some(m) => m.is_match(path),
            None => self.pattern == path,
        }
    }

    /// True when the entry could name something strictly below `dir` (used when only a
    /// directory of a write target is known).
    pub fn may_lie_below(&self, dir: &RepoPath) -> bool {
        dir.is_root() || self.may_lie_below_prefix(&format!("{}/", dir.as_str()))
    }

    /// [`Entry::may_lie_below`] of a directory other than the root, given as `dir/`.
    fn may_lie_below_prefix(&self, prefix: &str) -> bool {
        let literal_end = literal_end(&self.pattern);
        let literal = &self.pattern[..literal_end];
        // Either the entry's literal part already goes below `dir`, or a wildcard starts
        // before the entry leaves `dir`'s path.
        literal.starts_with(prefix)
            || (literal_end < self.pattern.len() && prefix.starts_with(literal))
    }
}

/// The parsed allowlist.
#[derive(Clone, Debug, Default)]
pub struct Allowlist {
    /// Why the file could not be read, when it exists but is unreadable.
    pub read_error: Option<ReadError>,
    /// Every non-comment line, in file order (ART003 judges these).
    pub raw: Vec<RawEntry>,
    /// The entries that are well-formed, in file order.
    pub entries: Vec<Entry>,
    /// Entry without a glob -> the index of its first occurrence in `entries`, and the
    /// indexes of the entries with one. [`Allowlist::covering`] is asked for every entry of
    /// the tree (ART001, ART002) and every write site (ART009): trying each entry against
    /// each ancestor made it cost files x entries (1,748 M instructions for 4,000 entries
    /// over the 440 files of the fixture).
    literal: HashMap<String, usize>,
    globs: Vec<usize>,
    /// Every directory some entry's literal part goes strictly below (`a` and `a/b` for
    /// `a/b/c` and for `a/b/c-*`), and the literal parts of the entries with a glob, with
    /// their distinct lengths: [`Allowlist::may_lie_below`] is asked for every write site
    /// whose directory alone is known (ART009), and trying each entry made it cost write
    /// sites x entries (1,761 M instructions for 200,000 entries over the fixture).
    below: HashSet<String>,
    glob_literals: HashSet<String>,
    glob_literal_lens: Vec<usize>,
}

impl Allowlist {
    /// The allowlist of this run, parsed once and shared.
    pub fn of(cx: &CheckContext<'_>) -> std::sync::Arc<Allowlist> {
        cx.shared.get_or_init(|| Allowlist::load(cx))
    }

    fn load(cx: &CheckContext<'_>) -> Allowlist {
        let path = RepoPath::new(&cx.contract.artifacts.allowlist);
        if !cx.index.contains(path.as_str()) {
            return Allowlist::default();
        }
        match cx.files.text(&path) {
            Ok(text) => Allowlist::parse(text),
            Err(err) => Allowlist {
                read_error: Some(err),
                ..Allowlist::default()
            },
        }
    }

    /// Parses allowlist text.
    pub fn parse(text: &str) -> Allowlist {
        let mut list = Allowlist::default();
        for (line, content) in ops_model::text::numbered_lines(text) {
            let text = strip_comment(content).trim();
            if text.is_empty() {
                continue;
            }
            let problem = problem(text);
            let usable = problem.is_none();
            list.raw.push(RawEntry {
                line,
                text: text.to_string(),
                problem,
            });
            if usable {
                let pattern = normalized(text).to_string();
                let matcher = compile(&pattern).ok().flatten();
                let index = list.entries.len();
                if matcher.is_some() {
                    list.globs.push(index);
                } else {
                    list.literal.entry(pattern.clone()).or_insert(index);
                }
                list.index_below(&pattern);
                list.entries.push(Entry {
                    line,
                    pattern,
                    matcher,
                });
            }
        }
        list.glob_literal_lens.sort_unstable();
        list.glob_literal_lens.dedup();
        list
    }

    /// Records what [`Allowlist::may_lie_below`] needs of an entry.
    fn index_below(&mut self, pattern: &str) {
        let literal = &pattern[..literal_end(pattern)];
        for (i, _) in literal.match_indices('/') {
            if !self.below.contains(&literal[..i]) {
                self.below.insert(literal[..i].to_string());
            }
        }
        if literal.len() < pattern.len() && self.glob_literals.insert(literal.to_string()) {
            self.glob_literal_lens.push(literal.len());
        }
    }

    /// The first entry that covers `path`.
    pub fn covering(&self, path: &RepoPath) -> Option<&Entry> {
        let literal = path
            .with_ancestors()
            .filter_map(|p| self.literal.get(p).copied())
            .min();
        let glob = self
            .globs
            .iter()
            .copied()
            .take_while(|&i| literal.is_none_or(|l| i < l))
            .find(|&i| self.entries[i].covers(path));
        glob.or(literal).map(|i| &self.entries[i])
    }

    /// True when some entry could name something strictly below `dir`
    /// ([`Entry::may_lie_below`]).
    pub fn may_lie_below(&self, dir: &RepoPath) -> bool {
        if dir.is_root() {
            return !self.entries.is_empty();
        }
        // An entry's literal part goes below `dir` ...
        if self.below.contains(dir.as_str()) {
            return true;
        }
        // ... or a glob starts before the entry leaves `dir/`: its literal part is a
        // prefix of `dir/`.
        let prefix = format!("{}/", dir.as_str());
        self.glob_literal_lens
            .iter()
            .take_while(|&&n| n <= prefix.len())
            .any(|&n| prefix.is_char_boundary(n) && self.glob_literals.contains(&prefix[..n]))
    }
}

/// Removes a `#` comment: the whole line when it starts with `#`, else from a `#` that
/// follows whitespace (so `a#b` stays a path).
pub fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// The entry without a trailing `/` (the "same entry" form).
pub fn normalized(text: &str) -> &str {
    text.trim_end_matches('/')
}

/// Where the literal part of an entry ends: at its first glob character, or its end.
fn literal_end(pattern: &str) -> usize {
    pattern.find(['*', '?', '[', '{']).unwrap_or(pattern.len())
}

fn has_glob(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'*' | b'?' | b'[' | b'{'))
}

fn compile(pattern: &str) -> Result<Option<GlobMatcher>, String> {
    if !has_glob(pattern) {
        return Ok(None);
    }
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map(|g| Some(g.compile_matcher()))
        .map_err(|e| e.kind().to_string())
}

/// What is wrong with an entry's form, if anything (ART003 reports it; such entries are
/// not used).
pub fn problem(text: &str) -> Option<String> {
    if text.starts_with('/') || text.starts_with('~') || text.as_bytes().get(1) == Some(&b':') {
        return Some("is absolute; entries are relative to the repository root".into());
    }
    if text.contains('\\') {
        return Some("uses `\\`; separate components with `/`".into());
    }
    let body = text.trim_end_matches('/');
    if body.is_empty() {
        return Some("names the repository root; that would allow everything".into());
    }
    if body.split('/').any(|p| p == "..") {
        return Some("contains `..`; entries must stay inside the repository".into());
    }
    if body.split('/').any(|p| p.is_empty() || p == ".") {
        return Some(format!(
            "is not normalized; write `{}`",
            RepoPath::new(body).as_str()
        ));
    }
    if text.chars().any(char::is_whitespace) {
        return Some("contains whitespace; one path per line".into());
    }
    if let Err(err) = compile(body) {
        return Some(format!("is not a valid glob: {err}"));
    }
    if body == "**" || body == "*" {
        return Some("matches every top-level path; that would allow everything".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_comments_globs_and_trailing_slash() {
        let list = Allowlist::parse("# c\n\nartifacts/ops/*  # why\nops/load/cache/\na#b\n");
        let pats: Vec<_> = list.entries.iter().map(|e| e.pattern.as_str()).collect();
        assert_eq!(pats, ["artifacts/ops/*", "ops/load/cache", "a#b"]);
        assert_eq!(list.entries[0].line, 3);
        assert!(
            list.covering(&RepoPath::new("artifacts/ops/r1/x.json"))
                .is_some()
        );
        assert!(list.covering(&RepoPath::new("artifacts/other")).is_none());
        assert!(list.covering(&RepoPath::new("ops/load/cache")).is_some());
        assert!(list.covering(&RepoPath::new("ops/load/cache-2")).is_none());
    }

    #[test]
    fn covering_is_the_first_covering_entry_in_file_order() {
        let list = Allowlist::parse("ops/a/b\nops/*/b\nops/a\nops/a/b\nops/**\nops/c\nops/c/*\n");
        let line = |p: &str| list.covering(&RepoPath::new(p)).map(|e| e.line);
        // A literal entry on an ancestor, before any glob that covers.
        assert_eq!(line("ops/a/b/x.json"), Some(1));
        // A glob before the literal entry that names an ancestor.
        assert_eq!(line("ops/z/b"), Some(2));
        assert_eq!(line("ops/a/x"), Some(3));
        // `ops/**` (line 5) comes before `ops/c` (line 6).
        assert_eq!(line("ops/c/x"), Some(5));
        assert_eq!(line("other/x"), None);
        // A literal's first occurrence answers for its duplicates.
        let dup = Allowlist::parse("x/y\nx/y\n");
        assert_eq!(
            dup.covering(&RepoPath::new("x/y/z")).map(|e| e.line),
            Some(1)
        );
        assert!(dup.may_lie_below(&RepoPath::new("x")));
        assert!(!dup.may_lie_below(&RepoPath::new("y")));
        assert!(dup.may_lie_below(&RepoPath::root()));
        assert!(!Allowlist::default().may_lie_below(&RepoPath::root()));
    }

    #[test]
    fn problems() {
        assert!(problem("/abs").unwrap().contains("absolute"));
        assert!(problem("a/../b").unwrap().contains(".."));
        assert!(problem("./a").unwrap().contains("write `a`"));
        assert!(problem("a//b").unwrap().contains("write `a/b`"));
        assert!(problem("a[").unwrap().contains("glob"));
        assert!(problem("a/b/").is_none());
    }

    #[test]
    fn may_lie_below() {
        let list = Allowlist::parse("artifacts/ops/*\nartifacts/ingest-*\n");
        let e = &list.entries;
        assert!(e[0].may_lie_below(&RepoPath::new("artifacts")));
        assert!(e[0].may_lie_below(&RepoPath::new("artifacts/ops")));
        assert!(!e[0].may_lie_below(&RepoPath::new("artifacts/other")));
        assert!(e[1].may_lie_below(&RepoPath::new("artifacts")));
        assert!(!e[1].may_lie_below(&RepoPath::new("ops")));
    }
}

#[cfg(test)]
mod index_tests {
    use proptest::prelude::*;

    use super::*;

    fn component() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("a".to_string()),
            Just("ab".to_string()),
            Just("b".to_string()),
            Just("a-*".to_string()),
            Just("*".to_string()),
            Just("**".to_string()),
            Just("a?".to_string()),
            Just("[ab]".to_string()),
        ]
    }

    fn path(n: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(component(), 1..n).prop_map(|c| c.join("/"))
    }

    proptest! {
        /// The indexed answer is the entry-by-entry one.
        #[test]
        fn may_lie_below_is_any_entry(
            entries in prop::collection::vec(path(5), 0..8),
            dirs in prop::collection::vec(path(4), 1..8),
        ) {
            let list = Allowlist::parse(&entries.join("\n"));
            for dir in dirs.iter().map(|d| d.replace(['*', '?', '[', ']'], "")) {
                let dir = RepoPath::new(&dir);
                let each = !dir.is_root() && list.entries.iter().any(|e| e.may_lie_below(&dir));
                prop_assert_eq!(list.may_lie_below(&dir), each || (dir.is_root() && !list.entries.is_empty()), "{}", dir);
            }
        }
    }
}
