//! The stable fingerprint of a finding: what identifies "the same problem" across runs, even
//! after unrelated edits move it to another line.
//!
//! A fingerprint is 16 lowercase hex digits: the 64-bit FNV-1a hash
//! (<http://www.isthe.com/chongo/tech/comp/fnv/>, an algorithm fixed by its specification, so
//! the value never changes with the Rust version or the platform) of
//!
//! ```text
//! code NUL path NUL normalised-message [NUL occurrence]
//! ```
//!
//! - `code` is the rule code (`LAY001`); `path` the finding's path relative to the checked
//!   root (`.`-free, empty for the root itself).
//! - The message is normalised by [`normalize_message`]: positions (`line 12`, `lines 3-5`,
//!   `column 4`, `:12:4`) become `N`, so a finding that only moved keeps its fingerprint,
//!   while a finding about another value (a different quoted key, target or file) gets a new one.
//! - Severity and help are left out: changing `[severity]` in the config, or rewording a fix,
//!   does not make an old finding new.
//! - A rule's repeats of one finding in one file are one finding with several positions
//!   ([`ops_model::Finding::positions`]); the count and the lines are not part of the message,
//!   so the fingerprint stays when an occurrence moves, appears or goes (baselines count
//!   occurrences separately, see [`crate::baseline`]).
//! - Findings left with the same code, path and normalised message (messages that differ
//!   only in a position) are told apart by their occurrence: the n-th such finding in report
//!   order (n from 1) adds `NUL n` for n > 1. Reports are sorted by position, so the first
//!   occurrence keeps the plain fingerprint.
//!
//! SARIF's `partialFingerprints`, GitLab's `fingerprint` and the JSON report's `fingerprint`
//! are this value; baseline entries are keyed by its parts (code, path, normalised message).

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::sync::LazyLock;

use regex::Regex;

/// Positions inside a message: `line 12`, `lines 3-5`, `line 3 to 5`, `column 4`, `col 4`,
/// and `:12` / `:12:4` after a path or name.
static POSITIONS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(lines?|columns?|col)(\s+)\d+(\s*(?:-|–|to)\s*\d+)?|:\d+(?::\d+)?\b").ok()
});

/// The message with positions replaced by `N` (see the module docs).
///
/// ```
/// use ops_report::fingerprint::normalize_message;
/// assert_eq!(
///     normalize_message("`assert_eq` at line 14 (see ops/x.sh:3:7)"),
///     "`assert_eq` at line N (see ops/x.sh:N)"
/// );
/// assert_eq!(normalize_message("`/vus`: 100 is too big"), "`/vus`: 100 is too big");
/// ```
pub fn normalize_message(message: &str) -> String {
    match POSITIONS.as_ref() {
        Some(re) => re
            .replace_all(message, |caps: &regex::Captures<'_>| match caps.get(1) {
                Some(word) => format!(
                    "{}{}N",
                    word.as_str(),
                    caps.get(2).map_or(" ", |m| m.as_str())
                ),
                None => ":N".to_string(),
            })
            .into_owned(),
        // The pattern is a constant that a unit test compiles; this arm never runs.
        None => message.to_string(),
    }
}

/// The fingerprint of the first (or only) finding with this code, path and message.
///
/// `path` is the finding's path relative to the checked root, as in the report (`""` for the
/// root itself).
pub fn fingerprint(code: &str, path: &str, message: &str) -> String {
    hash(&[code, path, &normalize_message(message)], 1)
}

/// The fingerprints of findings given in report order as `(code, path, message)`: each is
/// [`fingerprint`], with the occurrence number mixed in for repeats (see the module docs).
pub fn fingerprints<'a>(
    findings: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
) -> Vec<String> {
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    findings
        .into_iter()
        .map(|(code, path, message)| {
            let message = normalize_message(message);
            let n = seen
                .entry((code.to_string(), path.to_string(), message.clone()))
                .or_insert(0);
            *n += 1;
            hash(&[code, path, &message], *n)
        })
        .collect()
}

fn hash(parts: &[&str], occurrence: usize) -> String {
    let mut h = fnv::FnvHasher::default();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h.write(b"\0");
        }
        h.write(part.as_bytes());
    }
    if occurrence > 1 {
        h.write(b"\0");
        h.write(occurrence.to_string().as_bytes());
    }
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_compiles() {
        assert!(POSITIONS.is_some());
    }

    #[test]
    fn positions_are_stripped_values_are_kept() {
        assert_eq!(
            normalize_message("duplicate entry `a` on line 7 repeats `a` from line 2"),
            "duplicate entry `a` on line N repeats `a` from line N"
        );
        assert_eq!(normalize_message("Lines 3-5 differ"), "Lines N differ");
        assert_eq!(
            normalize_message("ops/a.json:4:10: bad"),
            "ops/a.json:N: bad"
        );
        assert_eq!(
            normalize_message("target `a1` calls `b2`"),
            "target `a1` calls `b2`"
        );
        assert_eq!(normalize_message("pinned 1.2.3"), "pinned 1.2.3");
    }

    #[test]
    fn known_values_never_change() {
        // Baselines store these: a change here invalidates every baseline in the wild. The
        // values are FNV-1a 64 of `LAY001\0ops/misc\0x` and `\0\0`, computed independently.
        assert_eq!(fingerprint("LAY001", "ops/misc", "x"), "3b8f4bb74c781139");
        assert_eq!(fingerprint("", "", ""), "08328807b4eb6fed");
    }

    #[test]
    fn moves_keep_and_values_change_the_fingerprint() {
        let a = fingerprint("SUR001", "Makefile", "target `x` at line 3");
        assert_eq!(
            a,
            fingerprint("SUR001", "Makefile", "target `x` at line 30")
        );
        assert_ne!(a, fingerprint("SUR001", "Makefile", "target `y` at line 3"));
        assert_ne!(a, fingerprint("SUR002", "Makefile", "target `x` at line 3"));
        assert_ne!(
            a,
            fingerprint("SUR001", "GNUmakefile", "target `x` at line 3")
        );
    }

    #[test]
    fn repeats_are_told_apart_and_the_first_is_plain() {
        let fps = fingerprints([
            ("A", "p", "same at line 1"),
            ("A", "p", "same at line 9"),
            ("A", "q", "same at line 1"),
        ]);
        assert_eq!(fps[0], fingerprint("A", "p", "same at line 1"));
        assert_ne!(fps[0], fps[1]);
        assert_eq!(fps[2], fingerprint("A", "q", "same at line 5"));
    }
}
