//! Recognising assignment lines and conditional arguments, the way GNU make's `read.c`
//! does (GNU make manual 6.5 "Setting Variables", 6.8 "Defining Multi-Line Variables",
//! 7.2 "Syntax of Conditionals").

use super::lines::close_of;
use super::vars::AssignOp;

/// An assignment line (or `define`/`undefine` line), comment already removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AssignLine<'l> {
    /// The name as written (may hold references).
    pub name: &'l str,
    pub op: AssignOp,
    /// The value, leading blanks removed (trailing ones kept, as make does). Empty for
    /// `define`, whose value is the following lines.
    pub value: &'l str,
    pub is_override: bool,
    pub export: bool,
    pub define: bool,
    pub undefine: bool,
}

const BLANKS: [char; 2] = [' ', '\t'];

/// Recognises an assignment, with its modifiers (`export`, `override`, `private`) and the
/// `define`/`undefine` forms.
pub(crate) fn parse_assignment(line: &str) -> Option<AssignLine<'_>> {
    let mut rest = line.trim_start_matches(BLANKS);
    let (mut is_override, mut export) = (false, false);
    loop {
        if let Some((name_end, op, value_at)) = variable_definition(rest) {
            return Some(AssignLine {
                name: rest[..name_end].trim_matches(BLANKS),
                op,
                value: rest[value_at..].trim_start_matches(BLANKS),
                is_override,
                export,
                define: false,
                undefine: false,
            });
        }
        let (word, after) = super::lines::first_word(rest);
        match word {
            "export" => export = true,
            "override" => is_override = true,
            "private" => {}
            "define" | "undefine" => {
                let (name, op) = define_name(after);
                return Some(AssignLine {
                    name,
                    op,
                    value: "",
                    is_override,
                    export,
                    define: word == "define",
                    undefine: word == "undefine",
                });
            }
            _ => return None,
        }
        if after.is_empty() {
            return None;
        }
        rest = after;
    }
}

/// `define NAME [op]`: the name and the operator (`=` when none).
fn define_name(text: &str) -> (&str, AssignOp) {
    let text = text.trim_matches(BLANKS);
    for op in [":::=", "::=", ":=", "+=", "?=", "!=", "="] {
        if let Some(name) = text.strip_suffix(op)
            && let Some(parsed) = AssignOp::parse(op)
        {
            return (name.trim_end_matches(BLANKS), parsed);
        }
    }
    (text, AssignOp::Recursive)
}

/// make's `parse_variable_definition`: where the name ends, the operator, and where the
/// value starts. References are skipped whole; after a blank only an operator may follow.
fn variable_definition(text: &str) -> Option<(usize, AssignOp, usize)> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut name_end: Option<usize> = None;
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' => return None,
            b'$' => {
                match b.get(i + 1) {
                    Some(b'(' | b'{') => i = close_of(text, i + 1)? + 1,
                    Some(_) => i += 2,
                    None => return None,
                }
                continue;
            }
            b' ' | b'\t' => {
                name_end.get_or_insert(i);
                while i < b.len() && matches!(b[i], b' ' | b'\t') {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        let end = name_end.unwrap_or(i);
        if c == b'=' {
            return Some((end, AssignOp::Recursive, i + 1));
        }
        if b.get(i + 1) == Some(&b'=') {
            let op = match c {
                b':' => Some(AssignOp::Simple),
                b'+' => Some(AssignOp::Append),
                b'?' => Some(AssignOp::Conditional),
                b'!' => Some(AssignOp::Shell),
                _ => None,
            };
            if let Some(op) = op {
                return Some((end, op, i + 2));
            }
        }
        if c == b':' {
            let rest = &text[i..];
            return if rest.starts_with(":::=") {
                Some((end, AssignOp::Immediate, i + 4))
            } else if rest.starts_with("::=") {
                Some((end, AssignOp::Simple, i + 3))
            } else {
                None
            };
        }
        if name_end.is_some() {
            return None;
        }
        i += 1;
    }
    None
}

/// The two raw arguments of `ifeq`/`ifneq`: `(a,b)`, `"a" "b"`, `'a' 'b'` or mixed quotes.
/// `None` is make's "invalid syntax in conditional".
pub(crate) fn equality_args(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start_matches(BLANKS);
    if text.starts_with('(') {
        let close = close_of(text, 0)?;
        let inner = &text[1..close];
        let mut depth = 0usize;
        let mut comma = None;
        for (i, c) in inner.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    comma = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let comma = comma?;
        // Text after the `)` is only a warning in make ("extraneous text").
        return Some((
            inner[..comma].trim_end_matches(BLANKS),
            inner[comma + 1..].trim_start_matches(BLANKS),
        ));
    }
    let (a, rest) = quoted(text)?;
    let (b, rest) = quoted(rest.trim_start_matches(BLANKS))?;
    let _extraneous = rest;
    Some((a, b))
}

/// A string in `"` or `'` and the text after it.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let q = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let end = text[1..].find(q)? + 1;
    Some((&text[1..end], &text[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(line: &str) -> Option<(String, AssignOp, String)> {
        parse_assignment(line).map(|a| (a.name.to_string(), a.op, a.value.to_string()))
    }

    #[test]
    fn every_assignment_form() {
        use AssignOp::*;
        let s = |t: &str| t.to_string();
        assert_eq!(op("A = b c "), Some((s("A"), Recursive, s("b c "))));
        assert_eq!(op("A:=b"), Some((s("A"), Simple, s("b"))));
        assert_eq!(op("A ::= b"), Some((s("A"), Simple, s("b"))));
        assert_eq!(op("A :::= b"), Some((s("A"), Immediate, s("b"))));
        assert_eq!(op("A ?= b"), Some((s("A"), Conditional, s("b"))));
        assert_eq!(op("A += b"), Some((s("A"), Append, s("b"))));
        assert_eq!(op("A != ls"), Some((s("A"), Shell, s("ls"))));
        assert_eq!(
            op("$(X:a=b)_Y = 1"),
            Some((s("$(X:a=b)_Y"), Recursive, s("1")))
        );
        assert_eq!(op("B = http://h"), Some((s("B"), Recursive, s("http://h"))));
        let a = parse_assignment("export override X := 1").expect("assignment");
        assert!(a.export && a.is_override && a.op == Simple);
        let d = parse_assignment("override define X :=").expect("define");
        assert!(d.define && d.is_override && d.name == "X" && d.op == Simple);
        assert!(parse_assignment("undefine X").expect("undefine").undefine);
    }

    #[test]
    fn rules_and_other_lines_are_not_assignments() {
        assert_eq!(op("a: b"), None);
        assert_eq!(op("a b = c"), None);
        assert_eq!(op("ops-down&: x"), None);
        assert_eq!(op("export"), None);
        assert_eq!(op("export A B"), None);
        assert_eq!(op("include a.mk"), None);
        assert_eq!(op("a:b=c"), None);
    }

    #[test]
    fn conditional_arguments() {
        assert_eq!(equality_args("(a, b)"), Some(("a", "b")));
        assert_eq!(equality_args("($(f a,b),)"), Some(("$(f a,b)", "")));
        assert_eq!(equality_args("\"a\" 'b'"), Some(("a", "b")));
        assert_eq!(equality_args("(a b"), None);
        assert_eq!(equality_args("(a,b) x"), Some(("a", "b")));
        assert_eq!(equality_args("a b"), None);
    }
}
