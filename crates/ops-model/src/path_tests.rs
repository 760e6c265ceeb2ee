//! Tests of `path.rs`.

use super::*;

#[test]
fn normalizes_separators_and_dots() {
    assert_eq!(RepoPath::new("./ops//k8s/").as_str(), "ops/k8s");
    assert_eq!(RepoPath::new("ops\\k8s").as_str(), "ops/k8s");
    assert!(RepoPath::new("").is_root());
}

#[test]
fn starts_with_is_component_wise() {
    let p = RepoPath::new("ops/k8s/values.yaml");
    assert!(p.starts_with("ops"));
    assert!(p.starts_with("ops/k8s/"));
    assert!(!p.starts_with("ops/k"));
    assert_eq!(p.strip_prefix("ops"), Some("k8s/values.yaml"));
    assert_eq!(p.strip_prefix("op"), None);
}

#[test]
fn resolves_lexically_and_refuses_escapes() {
    let d = RepoPath::new("ops/a/b");
    assert_eq!(d.resolve("./c/../d").unwrap().as_str(), "ops/a/b/d");
    assert_eq!(d.resolve("../../..").unwrap(), RepoPath::root());
    assert!(d.resolve("../../../..").is_none());
    assert_eq!(d.resolve("/x//y").unwrap().as_str(), "x/y");
    assert_eq!(RepoPath::normalize("a\\b/../c").unwrap().as_str(), "a/c");
    assert!(RepoPath::normalize("..").is_none());
}

#[test]
fn ancestors_are_the_parent_chain_without_the_root() {
    for text in ["", "a", "a/b", "ops/k8s/scripts/x.sh"] {
        let p = RepoPath::new(text);
        let chain: Vec<RepoPath> = std::iter::successors(p.parent(), RepoPath::parent)
            .filter(|a| !a.is_root())
            .collect();
        let borrowed: Vec<&str> = p.ancestors().collect();
        assert_eq!(
            chain.iter().map(RepoPath::as_str).collect::<Vec<_>>(),
            borrowed
        );
    }
    let p = RepoPath::new("a/b/c.txt");
    assert_eq!(
        p.with_ancestors().collect::<Vec<_>>(),
        ["a/b/c.txt", "a/b", "a"]
    );
    assert_eq!(p.dir_names().collect::<Vec<_>>(), ["b", "a"]);
    assert_eq!(RepoPath::root().with_ancestors().count(), 0);
    assert_eq!(RepoPath::new("x").dir_names().count(), 0);
    let set: std::collections::HashSet<RepoPath> = [RepoPath::new("a/b")].into();
    assert!(set.contains("a/b"), "a set of paths is searched by text");
}

#[test]
fn parent_and_names() {
    let p = RepoPath::new("ops/a.schema.json");
    assert_eq!(p.file_name(), "a.schema.json");
    assert_eq!(p.extension(), Some("json"));
    assert_eq!(p.parent().unwrap().as_str(), "ops");
    assert_eq!(RepoPath::new("ops").parent().unwrap(), RepoPath::root());
    assert_eq!(RepoPath::new(".gitkeep").extension(), None);
    assert_eq!(RepoPath::new("d/é.ü").extension(), Some("ü"));
    assert_eq!(RepoPath::root().file_name(), "");
}

proptest::proptest! {
    /// The byte scans give what `rsplit`, `rfind` and `rmatch_indices` gave.
    #[test]
    fn names_are_those_of_the_str_methods(s in "[aé./]{0,10}") {
        let p = RepoPath(Arc::from(s.as_str()));
        let name = s.rsplit('/').next().unwrap_or("");
        proptest::prop_assert_eq!(p.file_name(), name);
        let ext = name.rfind('.').filter(|&d| d > 0).map(|d| &name[d + 1..]);
        proptest::prop_assert_eq!(p.extension(), ext);
        let parent = (!s.is_empty()).then(|| s.rfind('/').map_or("", |i| &s[..i]));
        let got = p.parent();
        proptest::prop_assert_eq!(got.as_ref().map(RepoPath::as_str), parent);
        let ancestors: Vec<&str> = s.rmatch_indices('/').map(|(i, _)| &s[..i]).collect();
        proptest::prop_assert_eq!(p.ancestors().collect::<Vec<_>>(), ancestors);
        let dirs: Vec<&str> = s.rsplit('/').skip(1).collect();
        proptest::prop_assert_eq!(p.dir_names().collect::<Vec<_>>(), dirs);
    }

    /// A path already in normal form is kept as it is, and every other text is
    /// normalized as before the shortcut.
    #[test]
    fn new_keeps_normal_text_and_normalizes_the_rest(s in "[aé./\\\\]{0,10}") {
        let slow = s.replace('\\', "/");
        let parts: Vec<&str> =
            slow.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
        let (got, want) = (RepoPath::new(&s), parts.join("/"));
        proptest::prop_assert_eq!(got.as_str(), want.as_str());
        proptest::prop_assert_eq!(is_normal(&s), s.is_empty() || want == s);
    }
}

proptest::proptest! {
    /// `file_name` is `rsplit('/').next()`, for any text (multi-byte characters and
    /// trailing slashes included).
    #[test]
    fn file_name_is_the_text_after_the_last_slash(path in "[a-z/é.]{0,12}") {
        proptest::prop_assert_eq!(file_name(&path), path.rsplit('/').next().unwrap_or(&path));
    }
}

proptest::proptest! {
    /// `trim_slashes` is `trim_matches('/')`.
    #[test]
    fn trim_slashes_is_trim_matches(dir in "[a/é]{0,8}") {
        proptest::prop_assert_eq!(trim_slashes(&dir), dir.trim_matches('/'));
    }
}

proptest::proptest! {
    /// `resolve` gives what splitting both texts into components and applying `..` gives,
    /// also where it takes the plain join.
    #[test]
    fn resolve_is_component_arithmetic(dir in "[ab/.]{0,8}", rel in "[ab/.\\\\]{0,10}") {
        let dir = RepoPath::new(&dir);
        let rel_slashed = rel.replace('\\', "/");
        let mut parts: Vec<&str> = if rel_slashed.starts_with('/') {
            Vec::new()
        } else {
            dir.components().collect()
        };
        let mut left = false;
        for part in rel_slashed.split('/') {
            match part {
                "" | "." => {}
                ".." => left |= parts.pop().is_none(),
                other => parts.push(other),
            }
        }
        let want = (!left).then(|| parts.join("/"));
        proptest::prop_assert_eq!(dir.resolve(&rel).map(|p| p.as_str().to_string()), want);
    }
}
