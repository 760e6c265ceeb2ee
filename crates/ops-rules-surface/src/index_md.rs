//! Reader for `ops/INDEX.md`: the Make targets it lists, with line numbers.
//!
//! A target is listed by `make <target>` (in a code span, a code block or prose) or by a
//! code span that holds exactly a target name starting with the target prefix (`` `ops-up` ``
//! in a table). Paths (`ops/_meta/surface.json`) and other words are not targets.

use crate::markdown::{self, MdLine};

/// One listing of a target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub line: u32,
    pub column: u32,
}

/// Every listing, in file order (a target may be listed more than once).
pub fn listed_targets(text: &str, prefix: &str) -> Vec<Listed> {
    let mut out = Vec::new();
    for md in markdown::lines(text) {
        match md {
            MdLine::Fence { .. } => {}
            MdLine::Code { line, text, .. } => {
                make_calls(text, prefix, line, 1, &mut out);
            }
            MdLine::Prose { line, text } => {
                let spans = markdown::code_spans(text);
                for span in &spans {
                    let content = span.text.trim();
                    if is_target_name(content, prefix) {
                        out.push(Listed {
                            name: content.to_string(),
                            line,
                            column: span.column,
                        });
                    } else {
                        make_calls(span.text, prefix, line, span.column, &mut out);
                    }
                }
                // `make ops-x` in prose, outside the spans already read.
                let prose = blank_spans(text);
                make_calls(&prose, prefix, line, 1, &mut out);
            }
        }
    }
    out.sort_by_key(|l| (l.line, l.column));
    out
}

/// Is `word` a whole target name with the prefix (`ops-up`, not `ops/x` or `ops-<name>`)?
pub fn is_target_name(word: &str, prefix: &str) -> bool {
    word.len() > prefix.len()
        && word.starts_with(prefix)
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !word.ends_with('.')
}

/// Finds `make [flags] t1 t2` in a piece of text; `column` is the text's column in its line.
fn make_calls(text: &str, prefix: &str, line: u32, column: u32, out: &mut Vec<Listed>) {
    let mut offset = 0;
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .map(|w| {
            let at = offset;
            offset += w.len() + 1;
            (at, w)
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut i = 0;
    while i < words.len() {
        let (_, w) = words[i];
        if matches!(w, "make" | "gmake" | "$(MAKE)") {
            let mut j = i + 1;
            while let Some(&(at, word)) = words.get(j) {
                let name = word.trim_end_matches([',', '.', ';', ':', ')', '`', '"', '\'']);
                if word.starts_with('-') || word.contains('=') {
                    j += 1;
                    continue;
                }
                if !is_target_name(name, prefix) {
                    break;
                }
                let col = text[..at].chars().count() as u32;
                out.push(Listed {
                    name: name.to_string(),
                    line,
                    column: column + col,
                });
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// The line with every code span (and its backticks) replaced by spaces, so prose matching
/// does not see span contents twice.
fn blank_spans(text: &str) -> String {
    let mut out: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < out.len() {
        if out[i] == '`' {
            let run = out[i..].iter().take_while(|c| **c == '`').count();
            let close = (i + run..out.len()).find(|&k| {
                out[k..].iter().take_while(|c| **c == '`').count() == run
                    && (k == 0 || out[k - 1] != '`')
            });
            if let Some(k) = close {
                for c in &mut out[i..k + run] {
                    *c = ' ';
                }
                i = k + run;
                continue;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, u32, u32)> {
        listed_targets(text, "ops-")
            .into_iter()
            .map(|l| (l.name, l.line, l.column))
            .collect()
    }

    #[test]
    fn table_spans_make_calls_and_blocks() {
        let text = "# ops\n\nRun `make <target>`; see `ops/_meta/surface.json`.\n| `ops-up` | up |\nThen make ops-down, or `make -s ops-a ops-b`.\n```sh\nmake ops-c\n```\n";
        assert_eq!(
            names(text),
            [
                ("ops-up".into(), 4, 4),
                ("ops-down".into(), 5, 11),
                ("ops-a".into(), 5, 33),
                ("ops-b".into(), 5, 39),
                ("ops-c".into(), 7, 6),
            ]
        );
    }

    #[test]
    fn names_not_targets() {
        assert!(!is_target_name("ops-", "ops-"));
        assert!(!is_target_name("ops/x", "ops-"));
        assert!(!is_target_name("ops-<name>", "ops-"));
        assert!(is_target_name("ops-k8s-deploy", "ops-"));
        assert!(
            names("`ops-check` is not `an ops-up`")
                .iter()
                .all(|n| n.0 == "ops-check")
        );
    }
}
