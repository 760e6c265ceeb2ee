//! `str.format` and `%` formatting of a known template, as the
//! [format string syntax](https://docs.python.org/3/library/string.html#formatstrings) and
//! [printf-style formatting](https://docs.python.org/3/library/stdtypes.html#printf-style-string-formatting)
//! define them. A field with a conversion, a format spec, an attribute or an index, or a
//! `%` conversion other than `%s`, is an unknown stretch.

use tree_sitter::Node;

use super::analyzer::{Analyzer, Val};
use super::eval::Args;
use super::kind::KindName;
use super::scope::named;
use crate::value::StaticValue;

impl Analyzer<'_, '_> {
    /// `template.format(*args)`; unknown when the template is not fully known.
    pub(super) fn format_method(&mut self, template: &Val, args: &Args<'_>, depth: usize) -> Val {
        let Some(template) = known_text(template) else {
            return Val::Unknown;
        };
        if args.splat {
            return Val::Unknown;
        }
        let mut out = StaticValue::empty();
        let mut auto = 0usize;
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push_text("{");
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    out.push_text("}");
                }
                '{' => {
                    let mut field = String::new();
                    for f in chars.by_ref() {
                        if f == '}' {
                            break;
                        }
                        field.push(f);
                    }
                    let arg = if field.is_empty() {
                        auto += 1;
                        args.positional.get(auto - 1).copied()
                    } else if let Ok(i) = field.parse::<usize>() {
                        args.positional.get(i).copied()
                    } else if field.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        args.keywords
                            .iter()
                            .find(|(k, _)| *k == field)
                            .map(|(_, v)| *v)
                    } else {
                        None
                    };
                    self.push_arg(&mut out, arg, depth);
                }
                other => out.push_text(other.encode_utf8(&mut [0; 4])),
            }
        }
        Val::Known(out)
    }

    /// `template % values` with `%s` conversions.
    pub(super) fn percent_format(&mut self, template: &Val, values: Node<'_>, depth: usize) -> Val {
        let Some(template) = known_text(template) else {
            return Val::Unknown;
        };
        let items: Vec<Node<'_>> = match values.kind_name() {
            "tuple" => named(values),
            _ => vec![values],
        };
        let mut out = StaticValue::empty();
        let mut next = 0usize;
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push_text(c.encode_utf8(&mut [0; 4]));
                continue;
            }
            match chars.next() {
                Some('%') => out.push_text("%"),
                Some('s') => {
                    let arg = items.get(next).copied();
                    next += 1;
                    self.push_arg(&mut out, arg, depth);
                }
                // Any other conversion, flag or mapping key: its width is unknown.
                _ => return Val::Known(with_unknown_tail(out)),
            }
        }
        Val::Known(out)
    }

    fn push_arg(&mut self, out: &mut StaticValue, arg: Option<Node<'_>>, depth: usize) {
        match arg {
            Some(a) => {
                let v = self.eval(a, depth).into_static();
                out.push(v);
            }
            None => out.push_unknown(),
        }
    }
}

fn known_text(v: &Val) -> Option<String> {
    match v {
        Val::Known(s) if s.anchor == crate::value::Anchor::None => s.as_known(),
        _ => None,
    }
}

fn with_unknown_tail(mut v: StaticValue) -> StaticValue {
    v.push_unknown();
    v
}
