//! Variables as make keeps them: a value (raw for recursive variables, expanded for simple
//! ones), a flavor and an origin (GNU make manual 6.2 "The Two Flavors of Variables", 8.11
//! "The origin Function").

use std::collections::BTreeMap;

use super::database::Position;

/// How a variable's value is expanded (GNU make manual 6.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flavor {
    /// `=`, `?=`, `define`: the value is expanded every time it is used.
    Recursive,
    /// `:=`, `::=`: expanded once, when assigned.
    Simple,
}

impl Flavor {
    /// The word `$(flavor X)` gives.
    pub fn as_str(self) -> &'static str {
        match self {
            Flavor::Recursive => "recursive",
            Flavor::Simple => "simple",
        }
    }
}

/// Where a variable's value comes from (GNU make manual 8.11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// Built into make (`MAKE`, `CURDIR`, `CC`, ...).
    Default,
    /// Given by the caller as the environment of make.
    Environment,
    /// Assigned in a makefile.
    File,
    /// Given by the caller as a command-line assignment: makefile assignments without
    /// `override` do not change it.
    CommandLine,
    /// Assigned in a makefile with `override`.
    Override,
    /// An automatic variable (`$@`, `$<`, ...).
    Automatic,
}

impl Origin {
    /// The words `$(origin X)` gives.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Default => "default",
            Origin::Environment => "environment",
            Origin::File => "file",
            Origin::CommandLine => "command line",
            Origin::Override => "override",
            Origin::Automatic => "automatic",
        }
    }
}

/// A variable during the read. `value` may hold [`UNKNOWN_MARK`](crate::UNKNOWN_MARK) and
/// the reader's private anchor marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Var {
    pub value: String,
    pub flavor: Flavor,
    pub origin: Origin,
    pub position: Option<Position>,
    /// Assigned in a branch of a conditional whose condition is unknown.
    pub conditional: bool,
}

impl Var {
    pub fn new(value: impl Into<String>, flavor: Flavor, origin: Origin) -> Var {
        Var {
            value: value.into(),
            flavor,
            origin,
            position: None,
            conditional: false,
        }
    }
}

/// A table of variables by name.
pub(crate) type VarTable = BTreeMap<String, Var>;

/// An assignment operator (GNU make manual 6.5 "Setting Variables", 6.6 "Appending").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AssignOp {
    /// `=`
    Recursive,
    /// `:=` or `::=`
    Simple,
    /// `:::=` (GNU make 4.4): expanded now, `$` escaped, recursive afterwards.
    Immediate,
    /// `?=`
    Conditional,
    /// `+=`
    Append,
    /// `!=`: the output of a shell command, always UNKNOWN here.
    Shell,
}

impl AssignOp {
    /// Reads an operator from its text.
    pub(crate) fn parse(text: &str) -> Option<AssignOp> {
        Some(match text {
            "=" => AssignOp::Recursive,
            ":=" | "::=" => AssignOp::Simple,
            ":::=" => AssignOp::Immediate,
            "?=" => AssignOp::Conditional,
            "+=" => AssignOp::Append,
            "!=" => AssignOp::Shell,
            _ => return None,
        })
    }
}

/// A target-specific or pattern-specific assignment (GNU make manual 6.11, 6.12), applied
/// when a recipe of a matching target is expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ScopedVar {
    pub name: String,
    pub op: AssignOp,
    /// Raw for `=`, `+=` and `?=`; already expanded (at the time of the line) for `:=`.
    pub value: String,
    pub is_override: bool,
    pub position: Position,
    pub conditional: bool,
}

/// The automatic variables of one recipe (GNU make manual 10.5.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Automatic<'a> {
    /// `$@`
    pub target: &'a str,
    /// `$^` before removing duplicates (that list is `$+`).
    pub prerequisites: &'a [String],
    /// `$|`
    pub order_only: &'a [String],
    /// `$*`
    pub stem: &'a str,
}

impl Automatic<'_> {
    /// The value of automatic variable `name` (`@`, `<`, `^`, `+`, `|`, `*`, `%`, `?` and
    /// their `D`/`F` forms). `None` when `name` is not one; `Some(None)` when its value
    /// cannot be known (`$?`, the prerequisites newer than the target).
    pub fn get(&self, name: &str) -> Option<Option<String>> {
        let mut chars = name.chars();
        let first = chars.next()?;
        let part = match chars.as_str() {
            "" => None,
            "D" => Some(true),
            "F" => Some(false),
            _ => return None,
        };
        let words: Vec<String> = match first {
            '@' => vec![self.target.to_string()],
            '<' => self.prerequisites.first().cloned().into_iter().collect(),
            '^' => dedup(self.prerequisites),
            '+' => self.prerequisites.to_vec(),
            '|' => dedup(self.order_only),
            '*' => vec![self.stem.to_string()],
            '%' => Vec::new(),
            '?' => return Some(None),
            _ => return None,
        };
        let words: Vec<String> = match part {
            None => words,
            Some(dir) => words
                .iter()
                .map(|w| match (w.rfind('/'), dir) {
                    (Some(0), true) => "/".to_string(),
                    (Some(i), true) => w[..i].to_string(),
                    (None, true) => ".".to_string(),
                    (Some(i), false) => w[i + 1..].to_string(),
                    (None, false) => w.clone(),
                })
                .collect(),
        };
        Some(Some(words.join(" ")))
    }
}

/// The words in order, each once.
fn dedup(words: &[String]) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    words
        .iter()
        .filter(|w| seen.insert(w.as_str()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automatic_variables_and_their_d_f_forms() {
        let prerequisites = ["src/x.c".to_string(), "x.h".into(), "x.h".into()];
        let a = Automatic {
            target: "out/x.o",
            prerequisites: &prerequisites,
            order_only: &["out".to_string()],
            stem: "x",
        };
        let get = |n: &str| a.get(n).flatten();
        assert_eq!(get("@").as_deref(), Some("out/x.o"));
        assert_eq!(get("@D").as_deref(), Some("out"));
        assert_eq!(get("@F").as_deref(), Some("x.o"));
        assert_eq!(get("<").as_deref(), Some("src/x.c"));
        assert_eq!(get("^").as_deref(), Some("src/x.c x.h"));
        assert_eq!(get("+").as_deref(), Some("src/x.c x.h x.h"));
        assert_eq!(get("^D").as_deref(), Some("src ."));
        assert_eq!(get("+F").as_deref(), Some("x.c x.h x.h"));
        assert_eq!(get("|").as_deref(), Some("out"));
        assert_eq!(get("*").as_deref(), Some("x"));
        assert_eq!(a.get("?"), Some(None));
        assert_eq!(a.get("X"), None);
        assert_eq!(a.get("@X"), None);
    }
}
