//! Lines of a makefile: physical lines grouped by backslash-newline, and the two ways make
//! joins them (GNU make manual 3.1.1 "Splitting Long Lines" and 5.1.1 "Splitting Recipe
//! Lines"), comments (3.1 "What Makefiles Contain") and the scanning helpers the parser uses.

use std::borrow::Cow;

/// The physical lines of a makefile's text (trailing `\r` removed), for [`Lines`].
pub(crate) fn physical_lines(text: &str) -> Vec<&str> {
    // The lines as `split('\n')` gives them, their ends found by memchr's iterator and
    // counted first: `split` set up a search for each line (a fifth of reading a makefile
    // of 200,000 short rules), and the vector grew by doubling.
    let bytes = text.as_bytes();
    let mut physical: Vec<&str> = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        let line = &text[start..end];
        physical.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    let last = &text[start..];
    physical.push(last.strip_suffix('\r').unwrap_or(last));
    if text.ends_with('\n') || text.is_empty() {
        physical.pop();
    }
    physical
}

/// Physical lines, grouped: a line ending in an odd number of backslashes continues on the
/// next one.
pub(crate) struct Lines<'p, 't> {
    physical: &'p [&'t str],
    next: usize,
}

/// One logical line: its physical lines (trailing `\r` removed), continuation backslashes
/// still in place, and the number of its first physical line (1-based). The lines are a
/// slice of the file's physical lines, not a copy: a large makefile has hundreds of
/// thousands of logical lines.
#[derive(Clone, Debug)]
pub(crate) struct Group<'p, 't> {
    pub line: u32,
    pub physical: &'p [&'t str],
}

impl<'p, 't> Lines<'p, 't> {
    /// Groups `physical` ([`physical_lines`]).
    pub fn new(physical: &'p [&'t str]) -> Lines<'p, 't> {
        Lines { physical, next: 0 }
    }

    /// The next logical line.
    pub fn next_group(&mut self) -> Option<Group<'p, 't>> {
        let start = self.next;
        let first = *self.physical.get(start)?;
        let line = u32::try_from(start + 1).unwrap_or(u32::MAX);
        let mut last = first;
        self.next += 1;
        while continues(last)
            && let Some(&next) = self.physical.get(self.next)
        {
            last = next;
            self.next += 1;
        }
        Some(Group {
            line,
            physical: &self.physical[start..self.next],
        })
    }
}

/// True when `line` ends in an odd number of backslashes.
pub(crate) fn continues(line: &str) -> bool {
    let slashes = line.len() - line.trim_end_matches('\\').len();
    slashes % 2 == 1
}

impl<'t> Group<'_, 't> {
    /// The line outside a recipe: each backslash-newline and the whitespace around it become
    /// one space (GNU make manual 3.1.1, the non-POSIX behaviour).
    pub fn collapsed(&self) -> Cow<'t, str> {
        if self.physical.len() == 1 {
            return Cow::Borrowed(self.physical[0]);
        }
        let mut out = String::new();
        let last = self.physical.len() - 1;
        for (i, part) in self.physical.iter().enumerate() {
            let part = if i < last {
                &part[..part.len() - 1]
            } else {
                part
            };
            let part = if i > 0 { part.trim_start() } else { part };
            let part = if i < last { part.trim_end() } else { part };
            if part.is_empty() && i > 0 && i < last {
                continue;
            }
            if i > 0 {
                out.push(' ');
            }
            out.push_str(part);
        }
        Cow::Owned(out)
    }

    /// The line as a recipe line: the first line without its recipe prefix, backslash-newline
    /// kept for the shell, and the prefix character removed from the start of each
    /// continuation line (GNU make manual 5.1.1).
    pub fn recipe(&self, prefix: char) -> String {
        let mut out = String::new();
        for (i, part) in self.physical.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(part.strip_prefix(prefix).unwrap_or(part));
        }
        out
    }

    /// The physical lines joined by newlines, as a `define` body keeps them.
    pub fn verbatim(&self) -> String {
        self.physical.join("\n")
    }
}

/// Removes a comment: from the first `#` not escaped by a backslash. In the text before it,
/// `\#` becomes `#` (GNU make manual 3.1). References (`$(...)`) are not special here, as in
/// make: `$(shell echo '#')` starts a comment.
pub(crate) fn remove_comment(line: &str) -> Cow<'_, str> {
    if !line.contains('#') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut slashes = 0usize;
    for c in line.chars() {
        match c {
            '\\' => slashes += 1,
            '#' => {
                // Of the backslashes before `#`, pairs stand for one backslash each; an odd
                // one left over escapes the `#`.
                out.extend(std::iter::repeat_n('\\', slashes / 2));
                if slashes.is_multiple_of(2) {
                    return Cow::Owned(out);
                }
                out.push('#');
                slashes = 0;
            }
            c => {
                out.extend(std::iter::repeat_n('\\', slashes));
                slashes = 0;
                out.push(c);
            }
        }
    }
    out.extend(std::iter::repeat_n('\\', slashes));
    Cow::Owned(out)
}

/// The byte index of the `)` or `}` closing the reference whose opening bracket is at
/// `open_at`, counting only brackets of the same kind, as make does.
pub(crate) fn close_of(text: &str, open_at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let open = *bytes.get(open_at)?;
    let close = match open {
        b'(' => b')',
        b'{' => b'}',
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate().skip(open_at) {
        if b == open {
            depth += 1;
        } else if b == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// The first byte index of one of `stops` outside references (`$(...)`, `${...}`) and not
/// escaped by a backslash. `$$` is skipped whole.
pub(crate) fn find_outside_refs(text: &str, stops: &[u8]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    // From one `$`, `\` or stop to the next by `memchr`: a byte loop (even one table
    // lookup a byte) cost 5 instructions a byte, and a `.PHONY` line of a large surface
    // runs to megabytes, scanned three times.
    while let Some(at) = next_special(bytes, i, stops) {
        i = at;
        match bytes[i] {
            b'$' => match bytes.get(i + 1) {
                Some(b'(' | b'{') => i = close_of(text, i + 1).map_or(bytes.len(), |c| c + 1),
                Some(_) => i += 2,
                None => i += 1,
            },
            b'\\' => i += 2,
            _ => return Some(i),
        }
    }
    None
}

/// The index of the first `$`, `\` or byte of `stops` at or after `from`.
fn next_special(bytes: &[u8], from: usize, stops: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    let found = match *stops {
        [] => memchr::memchr2(b'$', b'\\', hay),
        [a] => memchr::memchr3(b'$', b'\\', a, hay),
        [a, b] => {
            // The second stop is looked for only before the nearest of the others, so a
            // call costs what lies before its answer.
            let first = memchr::memchr3(b'$', b'\\', a, hay);
            memchr::memchr(b, &hay[..first.unwrap_or(hay.len())]).or(first)
        }
        _ => hay
            .iter()
            .position(|c| matches!(c, b'$' | b'\\') || stops.contains(c)),
    };
    found.map(|n| from + n)
}

/// Splits expanded text into words at blanks and newlines (space, tab, `\n`, `\r`, vertical
/// tab, form feed: GNU make's `isspace` in the C locale).
pub(crate) fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`]. Every separator is ASCII, so the text is split by bytes: a
/// UTF-8 sequence never holds an ASCII byte (RFC 3629), and a split by `char` decoded every
/// character of every target list.
pub(crate) struct Words<'t> {
    text: &'t str,
    at: usize,
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

impl<'t> Iterator for Words<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        let start = self.at + bytes.get(self.at..)?.iter().position(|&b| !is_blank(b))?;
        let end = bytes[start..]
            .iter()
            .position(|&b| is_blank(b))
            .map_or(bytes.len(), |n| start + n);
        self.at = end;
        self.text.get(start..end)
    }
}

/// The first word of `line` (up to a blank) and the rest with leading blanks removed.
pub(crate) fn first_word(line: &str) -> (&str, &str) {
    let line = line.trim_start_matches([' ', '\t']);
    match line.bytes().position(|b| b == b' ' || b == b'\t') {
        Some(i) => (&line[..i], line[i..].trim_start_matches([' ', '\t'])),
        None => (line, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(text: &str) -> Vec<(u32, Vec<&str>)> {
        let physical = physical_lines(text);
        let mut lines = Lines::new(&physical);
        let mut out = Vec::new();
        while let Some(g) = lines.next_group() {
            out.push((g.line, g.physical.to_vec()));
        }
        out
    }

    #[test]
    fn continuation_needs_an_odd_number_of_backslashes() {
        assert_eq!(
            groups("a \\\n  b\nc \\\\\nd\r\n"),
            [
                (1, vec!["a \\", "  b"]),
                (3, vec!["c \\\\"]),
                (4, vec!["d"])
            ]
        );
        assert_eq!(groups("x \\"), [(1, vec!["x \\"])]);
    }

    #[test]
    fn outside_recipes_whitespace_around_continuations_is_one_space() {
        let physical = physical_lines("A = one   \\\n   two \\\n\\\n three");
        let mut lines = Lines::new(&physical);
        let g = lines.next_group().expect("a line");
        assert_eq!(g.collapsed(), "A = one two three");
    }

    #[test]
    fn recipes_keep_backslash_newline_and_drop_the_prefix() {
        let physical = physical_lines("\techo a \\\n\t  b \\\n c");
        let mut lines = Lines::new(&physical);
        let g = lines.next_group().expect("a line");
        assert_eq!(g.recipe('\t'), "echo a \\\n  b \\\n c");
    }

    #[test]
    fn comments() {
        assert_eq!(remove_comment("a = b # c"), "a = b ");
        assert_eq!(remove_comment("a = b \\# c"), "a = b # c");
        assert_eq!(remove_comment("a = b \\\\# c"), "a = b \\");
        assert_eq!(
            remove_comment("x = $(shell echo '#')"),
            "x = $(shell echo '"
        );
        assert_eq!(remove_comment("no comment \\"), "no comment \\");
    }

    #[test]
    fn scanning() {
        assert_eq!(find_outside_refs("$(a:b=c) x: y", b":"), Some(10));
        assert_eq!(find_outside_refs("a\\:b:", b":"), Some(4));
        assert_eq!(close_of("$(a (b) c) d", 1), Some(9));
        assert_eq!(close_of("${a", 1), None);
        assert_eq!(first_word("  include  a b"), ("include", "a b"));
    }

    /// The scan as first written (a search of the stop list at every byte), for the
    /// property below.
    fn find_outside_refs_reference(text: &str, stops: &[u8]) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'$' => match bytes.get(i + 1) {
                    Some(b'(' | b'{') => i = close_of(text, i + 1).map_or(bytes.len(), |c| c + 1),
                    Some(_) => i += 2,
                    None => i += 1,
                },
                b'\\' => i += 2,
                b if stops.contains(&b) => return Some(i),
                _ => i += 1,
            }
        }
        None
    }

    proptest::proptest! {
        /// The byte split is the split by `char` it replaced.
        #[test]
        fn words_are_the_char_split(text in "[a é\t\n\r\x0b\x0c\u{a0}\u{2028}]{0,24}") {
            let want: Vec<&str> = text
                .split([' ', '\t', '\n', '\r', '\x0b', '\x0c'])
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), want);
        }

        #[test]
        fn find_outside_refs_is_the_reference_scan(text in "[a$(){}:;#\\\\ é]{0,24}") {
            for stops in [&b":"[..], b";#", b"", b":;#"] {
                proptest::prop_assert_eq!(
                    find_outside_refs(&text, stops),
                    find_outside_refs_reference(&text, stops)
                );
            }
        }

        #[test]
        fn first_word_splits_at_the_first_blank(line in "[a \t\n]{0,12}") {
            let trimmed = line.trim_start_matches([' ', '\t']);
            let expected = match trimmed.find([' ', '\t']) {
                Some(i) => (&trimmed[..i], trimmed[i..].trim_start_matches([' ', '\t'])),
                None => (trimmed, ""),
            };
            proptest::prop_assert_eq!(first_word(&line), expected);
        }
    }

    proptest::proptest! {
        /// The physical lines are the text's `split('\n')` pieces without a trailing `\r`,
        /// less the empty piece after a final newline.
        #[test]
        fn physical_lines_are_the_split_pieces(text in "[a\r\n\\\\]{0,24}") {
            let mut want: Vec<&str> = text
                .split('\n')
                .map(|l| l.strip_suffix('\r').unwrap_or(l))
                .collect();
            if text.ends_with('\n') || text.is_empty() {
                want.pop();
            }
            proptest::prop_assert_eq!(physical_lines(&text), want);
        }
    }
}
