//! Statically known values: what a shell word, a make variable or a Python expression is known
//! to be without running anything.
//!
//! Every static evaluator of this crate (shell, make, Python) produces a [`StaticValue`]: an
//! [`Anchor`] that says what the text is relative to, followed by [`Part`]s that are either
//! known text or one unknown stretch. `"$ROOT/artifacts/$RUN_ID/x.json"` with `ROOT` bound to
//! the repository root evaluates to `Root` + `"/artifacts/"` + unknown + `"/x.json"`: the
//! prefix is enough to say the write lands under `artifacts/`, and a rule that needs the whole
//! path sees that part of it is unknown.

use std::borrow::Cow;
use std::fmt;

use smallvec::{SmallVec, smallvec};

/// Marks an unknown stretch inside text that one reader hands to another.
///
/// The make reader expands a recipe line to text for the shell lexer; where a make variable
/// or function cannot be known, it writes this character (U+FFFC, OBJECT REPLACEMENT
/// CHARACTER) instead. The shell lexer treats it as an ordinary word character, and the shell
/// evaluator turns it back into [`Part::Unknown`]. It never appears in real scripts in
/// practice; if it does, the stretch is simply unknown.
pub const UNKNOWN_MARK: char = '\u{FFFC}';

/// True when `text` holds [`UNKNOWN_MARK`]. The mark's first UTF-8 byte (0xEF) is looked
/// for first: `str::contains` with a character outside ASCII builds a substring searcher
/// at every call (about 250 instructions), and the make reader asks for every variable
/// reference and rule word, of which few hold any byte 0xEF at all.
pub fn has_unknown_mark(text: &str) -> bool {
    text.as_bytes().contains(&0xEF) && text.contains(UNKNOWN_MARK)
}

/// What the text of a [`StaticValue`] is relative to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anchor {
    /// The repository root (`$ROOT`, `$(git rev-parse --show-toplevel)`, ...). The text that
    /// follows starts with `/` or is empty.
    Root,
    /// The directory of the file being read (`$(dirname "$0")`, `${BASH_SOURCE%/*}`,
    /// `Path(__file__).parent`). The text that follows starts with `/` or is empty.
    ScriptDir,
    #[default]
    /// Nothing known: the text is used as written (a relative path is relative to the working
    /// directory of the command, an absolute one to `/`).
    None,
}

/// One stretch of a [`StaticValue`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Text known exactly.
    Text(String),
    /// A stretch whose text cannot be known statically (a runtime variable, a command's output).
    Unknown,
}

/// The parts of a [`StaticValue`]: a vector that holds one part inline.
pub type Parts = SmallVec<[Part; 1]>;

/// A value as far as it is known statically. See the module docs. The default is the
/// empty string.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StaticValue {
    /// What the value is relative to: the repository root, the script's directory, or
    /// nothing (a plain string).
    pub anchor: Anchor,
    /// Adjacent [`Part::Text`]s are always merged and adjacent [`Part::Unknown`]s collapsed,
    /// so two values that print the same compare equal. Most values are one part: it is
    /// held inline, without an allocation of its own.
    pub parts: Parts,
}

impl StaticValue {
    /// Known text with no anchor.
    pub fn text(text: impl Into<String>) -> StaticValue {
        StaticValue::anchored(Anchor::None, text)
    }

    /// Known text after an anchor (`anchored(Root, "/artifacts")` is `$ROOT/artifacts`).
    pub fn anchored(anchor: Anchor, text: impl Into<String>) -> StaticValue {
        let text = text.into();
        let parts = if text.is_empty() {
            Parts::new()
        } else {
            smallvec![Part::Text(text)]
        };
        StaticValue { anchor, parts }
    }

    /// A value of which nothing is known.
    pub fn unknown() -> StaticValue {
        StaticValue {
            anchor: Anchor::None,
            parts: smallvec![Part::Unknown],
        }
    }

    /// The empty string.
    pub fn empty() -> StaticValue {
        StaticValue::text("")
    }

    /// True when nothing at all is known (no anchor and a single unknown part).
    pub fn is_unknown(&self) -> bool {
        self.anchor == Anchor::None && self.parts[..] == [Part::Unknown]
    }

    /// True when every part is known text.
    pub fn is_known(&self) -> bool {
        self.parts.iter().all(|p| matches!(p, Part::Text(_)))
    }

    /// The whole text when every part is known.
    pub fn as_known(&self) -> Option<String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Unknown => return None,
            }
        }
        Some(out)
    }

    /// [`StaticValue::as_known`], borrowed when it can be: adjacent texts are merged, so a
    /// fully known value is usually one part. The walk asks this of every word of every
    /// command (program names), where a copy each was measurable.
    pub fn known_str(&self) -> Option<Cow<'_, str>> {
        match self.parts.as_slice() {
            [] => Some(Cow::Borrowed("")),
            [Part::Text(t)] => Some(Cow::Borrowed(t)),
            _ => self.as_known().map(Cow::Owned),
        }
    }

    /// The known text before the first unknown part (all of it when fully known).
    pub fn known_prefix(&self) -> &str {
        match self.parts.first() {
            Some(Part::Text(t)) => t,
            _ => "",
        }
    }

    /// Appends `other` (concatenation, as `"$A$B"`). An anchor on `other` is lost unless
    /// `self` is empty: `$A$ROOT` is not a root-relative path, so its tail becomes unknown.
    pub fn push(&mut self, other: StaticValue) {
        if self.parts.is_empty() && self.anchor == Anchor::None {
            *self = other;
            return;
        }
        if other.anchor != Anchor::None {
            self.push_part(Part::Unknown);
        }
        for part in other.parts {
            self.push_part(part);
        }
    }

    /// Appends known text.
    pub fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        // Appended in place when the value ends in text: no copy made only to be merged.
        match self.parts.last_mut() {
            Some(Part::Text(last)) => last.push_str(text),
            _ => self.parts.push(Part::Text(text.to_string())),
        }
    }

    /// Appends an unknown stretch.
    pub fn push_unknown(&mut self) {
        self.push_part(Part::Unknown);
    }

    /// The value as text for another reader: unknown parts become [`UNKNOWN_MARK`], the
    /// anchor is written as `root_text` or `script_dir_text` (e.g. `$(ROOT)` for make).
    pub fn to_marked_text(&self, root_text: &str, script_dir_text: &str) -> String {
        let mut out = String::new();
        match self.anchor {
            Anchor::Root => out.push_str(root_text),
            Anchor::ScriptDir => out.push_str(script_dir_text),
            Anchor::None => {}
        }
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Unknown => out.push(UNKNOWN_MARK),
            }
        }
        out
    }

    /// Known text in which each [`UNKNOWN_MARK`] is an unknown stretch (no anchor).
    pub fn from_marked_text(text: &str) -> StaticValue {
        let mut value = StaticValue::empty();
        for (i, piece) in text.split(UNKNOWN_MARK).enumerate() {
            if i > 0 {
                value.push_unknown();
            }
            value.push_text(piece);
        }
        value
    }

    /// Length in bytes of the known text.
    pub fn text_len(&self) -> usize {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.len(),
                Part::Unknown => 0,
            })
            .sum()
    }

    /// True for an absolute path (`/...`) or an anchored value.
    pub fn is_absolute(&self) -> bool {
        self.anchor != Anchor::None || self.known_prefix().starts_with('/')
    }

    /// The value with `.` and `x/..` segments of its known prefix resolved, `//` collapsed
    /// and a trailing `/` dropped (`$ROOT/a/../b/` is `$ROOT/b`). `..` above the anchor or
    /// the start of a relative path is kept (`$SCRIPT_DIR/..`); unknown parts stop it.
    pub fn normalized(&self) -> StaticValue {
        let Some(Part::Text(first)) = self.parts.first() else {
            return self.clone();
        };
        let whole = self.parts.len() == 1;
        let absolute = first.starts_with('/');
        let segments: Vec<&str> = first.split('/').collect();
        // The last segment runs into an unknown part (`a/b…`): keep it as written.
        let (body, tail) = match (whole, segments.split_last()) {
            (false, Some((last, rest))) => (rest, *last),
            _ => (segments.as_slice(), ""),
        };
        let mut out: Vec<&str> = Vec::new();
        for seg in body {
            match *seg {
                "" | "." => {}
                ".." if out.last().is_some_and(|l| *l != "..") => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        let mut text = out.join("/");
        if absolute || (self.anchor != Anchor::None && !text.is_empty()) {
            text.insert(0, '/');
        }
        if !whole {
            if !text.ends_with('/') && (!out.is_empty() || absolute) {
                text.push('/');
            }
            text.push_str(tail);
        } else if text.is_empty() && self.anchor == Anchor::None {
            text.push('.');
        }
        let mut value = StaticValue::anchored(self.anchor, text);
        for part in &self.parts[1..] {
            value.push_part(part.clone());
        }
        value
    }

    /// The directory part, as POSIX `dirname` prints it: `a/b` gives `a`, `b` gives `.`,
    /// `$SCRIPT_DIR/x.sh` gives `$SCRIPT_DIR`, the anchor itself gives `$SCRIPT_DIR/..`.
    /// Unknown when the last `/` cannot be found.
    pub fn dirname(&self) -> StaticValue {
        let mut parts = self.parts.clone();
        // `…/a/…`: the unknown last component goes with its slash.
        if parts.last() == Some(&Part::Unknown) {
            parts.pop();
            match parts.last() {
                Some(Part::Text(t)) if t.ends_with('/') => {}
                _ if parts.is_empty() && self.anchor != Anchor::None => {
                    return StaticValue::anchored(self.anchor, "/..").normalized();
                }
                _ => return StaticValue::unknown(),
            }
            if let Some(Part::Text(t)) = parts.last_mut() {
                t.push('x');
            }
        }
        let text = match parts.last() {
            Some(Part::Text(t)) => t.trim_end_matches('/').to_string(),
            Some(Part::Unknown) => return StaticValue::unknown(),
            None if self.anchor != Anchor::None => {
                return StaticValue::anchored(self.anchor, "/..");
            }
            None => return StaticValue::text("."),
        };
        let head = match text.rfind('/') {
            Some(i) => text[..i].trim_end_matches('/').to_string(),
            None if parts.len() > 1 => return StaticValue::unknown(),
            None if self.anchor != Anchor::None => {
                return StaticValue::anchored(self.anchor, "/..");
            }
            None => return StaticValue::text("."),
        };
        let head = if head.is_empty() && self.anchor == Anchor::None && parts.len() == 1 {
            if text.starts_with('/') {
                "/".to_string()
            } else {
                ".".to_string()
            }
        } else {
            head
        };
        let mut value = StaticValue {
            anchor: self.anchor,
            parts: Parts::new(),
        };
        for part in &parts[..parts.len() - 1] {
            value.push_part(part.clone());
        }
        value.push_text(&head);
        value
    }

    fn push_part(&mut self, part: Part) {
        match (self.parts.last_mut(), part) {
            (Some(Part::Text(last)), Part::Text(t)) => last.push_str(&t),
            (Some(Part::Unknown), Part::Unknown) => {}
            (_, part) => self.parts.push(part),
        }
    }
}

impl fmt::Display for StaticValue {
    /// `$ROOT/artifacts/…/x.json`: `$ROOT` or `$SCRIPT_DIR` for the anchor, `…` for unknown parts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.anchor {
            Anchor::Root => f.write_str("$ROOT")?,
            Anchor::ScriptDir => f.write_str("$SCRIPT_DIR")?,
            Anchor::None => {}
        }
        for part in &self.parts {
            match part {
                Part::Text(t) => f.write_str(t)?,
                Part::Unknown => f.write_str("…")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "value_tests.rs"]
mod tests;
