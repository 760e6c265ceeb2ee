//! Small text helpers shared by rules: positions, lines.

/// The 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    // An offset inside a multi-byte character counts as that character's start.
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (to_u32(line), to_u32(column))
}

/// Saturating conversion for positions.
pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Words looked for in names (variable names, file names), ASCII letters compared without
/// case, in one pass: a cheap test before splitting a name into its words. For a rule
/// whose words are pieces of the name lower-cased (`OUT_DIR` gives `out`, `dir`), an
/// ASCII name in which none of the words occurs has none of them among its words.
/// The default finds nothing and lets no name go.
#[derive(Clone, Debug, Default)]
pub struct NameWords(Option<aho_corasick::AhoCorasick>);

impl NameWords {
    /// The words to look for (empty ones included: they occur in every name).
    pub fn new<I, P>(words: I) -> NameWords
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        NameWords(
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(words)
                .ok(),
        )
    }

    /// False only when `name` is ASCII and none of the words occurs in it.
    pub fn may_hold(&self, name: &str) -> bool {
        !name.is_ascii() || self.0.as_ref().is_none_or(|words| words.is_match(name))
    }
}

/// Lines with their 1-based numbers.
pub fn numbered_lines(text: &str) -> impl Iterator<Item = (u32, &str)> {
    text.lines().enumerate().map(|(i, l)| (to_u32(i + 1), l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_words_are_found_without_case_and_only_ascii_names_let_go() {
        let words = NameWords::new(["out", "dir"]);
        assert!(words.may_hold("OUT_FILE") && words.may_hold("evidenceDir"));
        // A piece of a longer word counts: the caller's word split decides.
        assert!(words.may_hold("layout_x"));
        assert!(!words.may_hold("CHART_PATH"));
        assert!(words.may_hold("é_chart"));
        assert!(NameWords::new([""]).may_hold("x"));
    }

    #[test]
    fn positions_are_one_based() {
        let t = "ab\ncdé\nf";
        assert_eq!(line_column(t, 0), (1, 1));
        assert_eq!(line_column(t, 3), (2, 1));
        assert_eq!(line_column(t, t.find('f').unwrap()), (3, 1));
        assert_eq!(line_column(t, 1000), (3, 2));
    }
}
