//! Reader for `ops/INDEX.md` (and any page that lists Make targets, such as a generated
//! surface page): the targets it lists, with positions, read through
//! [`ops_syntax::markdown`] and [`ops_syntax::shell`].
//!
//! A target is listed by a make call (`make ops-up`, `make -s ops-a ops-b`) in a code block,
//! in a code span or in prose, or by a code span that holds exactly a target name starting
//! with the target prefix (`` `ops-up` `` in a table). Paths (`ops/_meta/surface.json`),
//! placeholders (`make <target>`) and other words are not targets.

use std::hash::BuildHasher;

use hashbrown::hash_table::Entry;
use hashbrown::{DefaultHashBuilder, HashTable};

use ops_model::text::to_u32;
use ops_syntax::markdown::{CodeSpan, Markdown, read_markdown};
use ops_syntax::shell::{EvalOptions, Script, walk};

use crate::commands::make_targets;

/// One listing of a target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// The target name, prefix included (`ops-up`).
    pub name: String,
    /// 1-based line of the name in the page.
    pub line: u32,
    /// 1-based column of the name's first character, in characters (for a code span that
    /// holds only the name, the column of the span's content).
    pub column: u32,
}

/// The listings of one page, with a lookup by name.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// Every listing, in file order (a target may be listed more than once).
    pub listed: Vec<Listed>,
    /// Index of each name's first listing, hashed by the name it holds: a page of 200,000
    /// targets is looked up without a second copy of every name.
    first: HashTable<usize>,
    hasher: DefaultHashBuilder,
}

/// Two listings are equal when they list the same names at the same places (the index
/// follows from the list).
impl PartialEq for Listing {
    fn eq(&self, other: &Listing) -> bool {
        self.listed == other.listed
    }
}

impl Eq for Listing {}

impl Listing {
    /// Reads the listings of a Markdown text.
    pub fn read(text: &str, prefix: &str) -> Listing {
        Listing::of(&read_markdown(text), prefix)
    }

    /// The listings of a page already read.
    pub fn of(md: &Markdown<'_>, prefix: &str) -> Listing {
        let listed = listed_targets(md, prefix);
        let hasher = DefaultHashBuilder::default();
        let mut first = HashTable::with_capacity(listed.len());
        for (i, l) in listed.iter().enumerate() {
            let hash = hasher.hash_one(l.name.as_str());
            if let Entry::Vacant(slot) = first.entry(
                hash,
                |&j: &usize| listed[j].name == l.name,
                |&j: &usize| hasher.hash_one(listed[j].name.as_str()),
            ) {
                slot.insert(i);
            }
        }
        Listing {
            listed,
            first,
            hasher,
        }
    }

    /// The first listing of `name`.
    pub fn get(&self, name: &str) -> Option<&Listed> {
        let hash = self.hasher.hash_one(name);
        self.first
            .find(hash, |&i| self.listed[i].name == name)
            .map(|&i| &self.listed[i])
    }

    /// Whether the page lists `name` at least once.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

/// The listings of the run's index page (`ops/INDEX.md`), read once per run. SUR004 reads
/// the page's Markdown in its scan and passes `md` here; the surface model (SUR001, DEP002)
/// asks later with a closure that reads the page itself when no scan did. Both compute
/// the same value from the same text. (At 200,000 entrypoints the page was parsed twice,
/// 23% of the run.)
pub fn index_listing(
    cx: &ops_model::CheckContext<'_>,
    read: impl FnOnce() -> Listing,
) -> std::sync::Arc<Listing> {
    cx.shared.get_or_init(read)
}

/// Every listing of a read page, in file order.
pub fn listed_targets(md: &Markdown<'_>, prefix: &str) -> Vec<Listed> {
    let mut out = Vec::new();
    for block in &md.code_blocks {
        for line in &block.lines {
            make_calls(&line.text, prefix, line.line, line.column, &mut out);
        }
    }
    for span in &md.code_spans {
        let content = span.text.trim();
        if is_target_name(content, prefix) {
            out.push(Listed {
                name: content.to_string(),
                line: span.line,
                column: span.column,
            });
        } else {
            make_calls(&span.text, prefix, span.line, span.column, &mut out);
        }
    }
    // `make ops-x` in prose, outside the spans already read. The spans of a line are found
    // by halves in the spans sorted by line (the reader gives them in document order), not
    // kept per line: a map of 200,000 lines' spans was a third of reading a large index.
    let mut spans: Vec<&CodeSpan> = md.code_spans.iter().collect();
    spans.sort_by_key(|s| s.line);
    for (n, text) in md.prose_lines() {
        if !text.contains("make") {
            continue;
        }
        let from = spans.partition_point(|s| s.line < n);
        let to = spans.partition_point(|s| s.line <= n);
        let on_line: Vec<(u32, usize)> = spans[from..to]
            .iter()
            .map(|s| (s.column, s.text.chars().count()))
            .collect();
        let prose = blank_spans(text, &on_line);
        prose_make_calls(&prose, prefix, n, &mut out);
    }
    out.sort_by_key(|l| (l.line, l.column));
    out.dedup();
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

/// The make calls of a shell command line; `column` is the text's column in its line.
fn make_calls(text: &str, prefix: &str, line: u32, column: u32, out: &mut Vec<Listed>) {
    if !text.contains("make") {
        return;
    }
    let script = Script::fragment(text);
    walk(&script, &EvalOptions::default(), &mut |v| {
        for target in make_targets(v) {
            let name = target.key();
            if is_target_name(&name, prefix) {
                out.push(Listed {
                    name,
                    line: line + script.line_of(target.start) - 1,
                    column: column + script.column_of(target.start) - 1,
                });
            }
        }
    });
}

/// `make [flags] t1 t2` in prose: words, not shell (a sentence is not a command line).
fn prose_make_calls(text: &str, prefix: &str, line: u32, out: &mut Vec<Listed>) {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c == ' ' || c == '\t', start) {
            (true, Some(s)) => {
                words.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    let mut i = 0;
    while i < words.len() {
        if !matches!(words[i].1, "make" | "gmake") {
            i += 1;
            continue;
        }
        i += 1;
        while let Some(&(at, word)) = words.get(i) {
            if word.starts_with('-') || word.contains('=') {
                i += 1;
                continue;
            }
            let name = word.trim_end_matches([',', '.', ';', ':', ')', '"', '\'']);
            if !is_target_name(name, prefix) {
                break;
            }
            out.push(Listed {
                name: name.to_string(),
                line,
                column: to_u32(text[..at].chars().count() + 1),
            });
            i += 1;
        }
    }
}

/// The line with each code span that starts on it (content column, content length in
/// characters) and its backticks replaced by spaces, so prose matching does not read span
/// contents twice.
fn blank_spans(text: &str, spans: &[(u32, usize)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    for &(column, len) in spans {
        let mut from = (column as usize).saturating_sub(1).min(n);
        let mut to = (from + len).min(n);
        // The one space CommonMark strips on each side, then the backtick runs.
        if from >= 2 && chars[from - 1] == ' ' && chars[from - 2] == '`' {
            from -= 1;
        }
        while from > 0 && chars[from - 1] == '`' {
            from -= 1;
        }
        if to + 1 < n && chars[to] == ' ' && chars[to + 1] == '`' {
            to += 1;
        }
        while to < n && chars[to] == '`' {
            to += 1;
        }
        for c in &mut chars[from..to] {
            *c = ' ';
        }
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, u32, u32)> {
        Listing::read(text, "ops-")
            .listed
            .into_iter()
            .map(|l| (l.name, l.line, l.column))
            .collect()
    }

    #[test]
    fn table_spans_make_calls_and_blocks() {
        let text = "# ops\n\nRun `make <target>`; see `ops/_meta/surface.json`.\n| `ops-up` | up |\nThen make ops-down, or `make -s ops-a ops-b`.\n```sh\nmake ops-c\n```\n\n> [!TIP]\n> ```sh\n> make ops-d\n> ```\n\n    make ops-e\n";
        assert_eq!(
            names(text),
            [
                ("ops-up".into(), 4, 4),
                ("ops-down".into(), 5, 11),
                ("ops-a".into(), 5, 33),
                ("ops-b".into(), 5, 39),
                ("ops-c".into(), 7, 6),
                ("ops-d".into(), 12, 8),
                ("ops-e".into(), 15, 10),
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
        // A span's text is not read again as prose.
        assert_eq!(names("see `make ops-a` here").len(), 1);
    }
}
