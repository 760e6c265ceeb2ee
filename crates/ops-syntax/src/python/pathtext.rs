//! Lexical path operations on [`StaticValue`]s, as `pathlib.PurePosixPath` and `os.path`
//! do them (<https://docs.python.org/3/library/pathlib.html#pure-paths>): nothing is
//! resolved against a file system, `..` is kept as written.
//!
//! An unknown stretch may hold any text, slashes included, so operations that cut at the
//! last `/` keep what is certain: the parent of `artifacts/run-…` is `artifacts/…`.

use crate::value::{Anchor, Part, Parts, StaticValue};

/// `a / b`, `a.joinpath(b)`, `os.path.join(a, b)`: an absolute or anchored `b` replaces `a`,
/// `.` and the empty path disappear.
pub(super) fn join(a: &StaticValue, b: StaticValue) -> StaticValue {
    if b.anchor != Anchor::None || b.known_prefix().starts_with('/') {
        return b;
    }
    if b.parts.is_empty() {
        return a.clone();
    }
    if a.anchor == Anchor::None && (a.parts.is_empty() || a.as_known().as_deref() == Some(".")) {
        return b;
    }
    let mut out = a.clone();
    let ends_with_slash = matches!(out.parts.last(), Some(Part::Text(t)) if t.ends_with('/'));
    if !ends_with_slash {
        out.push_text("/");
    }
    out.push(b);
    out
}

/// `p.parent`, `os.path.dirname(p)`.
pub(super) fn parent(v: &StaticValue) -> StaticValue {
    let mut out = v.clone();
    match out.parts.pop() {
        None => {
            if v.anchor == Anchor::None {
                StaticValue::text(".")
            } else {
                StaticValue::anchored(v.anchor, "/..")
            }
        }
        Some(Part::Unknown) => {
            // The parent lies somewhere under the text before the unknown stretch, cut back to
            // its last `/`.
            if let Some(Part::Text(t)) = out.parts.pop()
                && let Some(i) = t.rfind('/')
            {
                out.push_text(&t[..=i]);
            }
            out.push_unknown();
            out
        }
        Some(Part::Text(t)) => {
            let first = out.parts.is_empty();
            let trimmed = match t.trim_end_matches('/') {
                "" if t.starts_with('/') => "/",
                s => s,
            };
            let last = trimmed.rsplit('/').next().unwrap_or(trimmed);
            if last == ".." {
                out.push_text(trimmed);
                out.push_text("/..");
                return out;
            }
            match trimmed.rfind('/') {
                Some(0) if first && v.anchor == Anchor::None => out.push_text("/"),
                Some(0) => {}
                Some(i) => out.push_text(&trimmed[..i]),
                None if first && v.anchor == Anchor::None => return StaticValue::text("."),
                // `…x`: the parent is the unknown stretch's own parent.
                None => return parent(&out),
            }
            out
        }
    }
}

/// `p.with_suffix(s)`: replaces the last component's suffix, or appends one.
pub(super) fn with_suffix(v: &StaticValue, suffix: StaticValue) -> StaticValue {
    let mut out = v.clone();
    match out.parts.pop() {
        Some(Part::Text(t)) => {
            let start = t.rfind('/').map_or(0, |i| i + 1);
            let name = &t[start..];
            let stem = match name.rfind('.') {
                Some(dot) if dot > 0 && name != ".." => &t[..start + dot],
                _ => t.as_str(),
            };
            out.push_text(stem);
        }
        Some(Part::Unknown) => out.push_unknown(),
        None => return StaticValue::unknown(),
    }
    out.push(suffix);
    out
}

/// `p.with_name(n)`.
pub(super) fn with_name(v: &StaticValue, name: StaticValue) -> StaticValue {
    join(&parent(v), name)
}

/// What `pathlib` does to a path's text: `a//b` and `a/./b` become `a/b`, a leading `./`
/// and a trailing `/` go. Only known text is touched.
pub(super) fn tidy(v: StaticValue) -> StaticValue {
    let count = v.parts.len();
    let mut out = StaticValue {
        anchor: v.anchor,
        parts: Parts::new(),
    };
    for (i, part) in v.parts.into_iter().enumerate() {
        match part {
            Part::Unknown => out.push_unknown(),
            Part::Text(t) => {
                let mut s = t;
                while s.contains("//") {
                    s = s.replace("//", "/");
                }
                while s.contains("/./") {
                    s = s.replace("/./", "/");
                }
                if i == 0 && v.anchor == Anchor::None {
                    while s.len() > 2 && s.starts_with("./") {
                        s.drain(..2);
                    }
                }
                if i + 1 == count {
                    if s.ends_with("/.") && s.len() > 2 {
                        s.truncate(s.len() - 2);
                    }
                    let keep_root = i == 0 && v.anchor == Anchor::None;
                    while s.len() > usize::from(keep_root) && s.ends_with('/') {
                        s.pop();
                    }
                }
                out.push_text(&s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> StaticValue {
        StaticValue::text(s)
    }

    fn unknown_after(prefix: &str) -> StaticValue {
        let mut v = t(prefix);
        v.push_unknown();
        v
    }

    #[test]
    fn joins() {
        assert_eq!(join(&t("a"), t("b")).to_string(), "a/b");
        assert_eq!(join(&t("a/"), t("b")).to_string(), "a/b");
        assert_eq!(join(&t("a"), t("/abs")).to_string(), "/abs");
        assert_eq!(join(&t("."), t("b")).to_string(), "b");
        assert_eq!(join(&t(""), t("b")).to_string(), "b");
        assert_eq!(join(&t("a"), t("")).to_string(), "a");
        let root = StaticValue::anchored(Anchor::Root, "");
        assert_eq!(join(&root, t("x")).to_string(), "$ROOT/x");
        assert_eq!(join(&t("a"), root.clone()), root);
        assert_eq!(join(&unknown_after("a/"), t("b")).to_string(), "a/…/b");
    }

    #[test]
    fn parents() {
        assert_eq!(parent(&t("a/b/c")).to_string(), "a/b");
        assert_eq!(parent(&t("a/b/")).to_string(), "a");
        assert_eq!(parent(&t("a")).to_string(), ".");
        assert_eq!(parent(&t("/a")).to_string(), "/");
        let dir = StaticValue::anchored(Anchor::ScriptDir, "");
        assert_eq!(parent(&dir).to_string(), "$SCRIPT_DIR/..");
        assert_eq!(parent(&parent(&dir)).to_string(), "$SCRIPT_DIR/../..");
        let x = StaticValue::anchored(Anchor::Root, "/x");
        assert_eq!(parent(&x).to_string(), "$ROOT");
        assert_eq!(
            parent(&unknown_after("artifacts/run-")).to_string(),
            "artifacts/…"
        );
        let mut tail = unknown_after("a/");
        tail.push_text("/b");
        assert_eq!(parent(&tail).to_string(), "a/…");
        let mut name = unknown_after("a/");
        name.push_text("x");
        assert_eq!(parent(&name).to_string(), "a/…");
    }

    #[test]
    fn suffixes_and_names() {
        assert_eq!(
            with_suffix(&t("a/b.txt"), t(".json")).to_string(),
            "a/b.json"
        );
        assert_eq!(
            with_suffix(&t("a.d/b"), t(".json")).to_string(),
            "a.d/b.json"
        );
        assert_eq!(with_suffix(&t(".env"), t(".json")).to_string(), ".env.json");
        assert_eq!(
            with_suffix(&unknown_after("a/"), t(".md")).to_string(),
            "a/….md"
        );
        assert_eq!(with_name(&t("a/b.txt"), t("c")).to_string(), "a/c");
    }

    #[test]
    fn tidies() {
        assert_eq!(tidy(t("./a//b/./c/")).to_string(), "a/b/c");
        assert_eq!(tidy(t("/")).to_string(), "/");
        assert_eq!(tidy(t("a/.")).to_string(), "a");
        assert_eq!(
            tidy(StaticValue::anchored(Anchor::Root, "/a/")).to_string(),
            "$ROOT/a"
        );
    }
}
