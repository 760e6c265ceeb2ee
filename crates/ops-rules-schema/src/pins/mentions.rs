//! Whether a text names any tool: the test [`ToolTable::mentioned_in`](super::ToolTable)
//! runs on every file before parsing it for pins.

use std::cell::RefCell;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Bytes lower-cased and searched at a time: small enough that a name
/// near the start of a large file is found without folding the rest.
const CHUNK: usize = 4096;

/// Names searched for without ASCII case, as aho-corasick's `ascii_case_insensitive`
/// would, but over lower-cased copies of the text, chunk by chunk, with an automaton of
/// the lower-cased names. aho-corasick has no prefilter for a case-insensitive search, so
/// that one read every byte through its automaton (41 ms over a 13.8 MB generated
/// makefile that names no tool); the case-sensitive leftmost-first automaton uses its
/// packed (SIMD) searcher, and folding a chunk that stays in cache is cheap (5 ms in all;
/// folding the whole text into one copy first took 18 ms).
pub(crate) struct Mentions {
    names: AhoCorasick,
    /// Length in bytes of the longest name: chunks overlap by one byte less, so that a
    /// name across a chunk boundary is found whole in the later chunk.
    longest: usize,
}

impl Mentions {
    /// An automaton of `names` (lower-cased here), or `None` if aho-corasick cannot build
    /// one.
    pub(crate) fn new(names: &[String]) -> Option<Mentions> {
        let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
        let names = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&lower)
            .ok()?;
        let longest = lower.iter().map(String::len).max().unwrap_or(0);
        Some(Mentions { names, longest })
    }

    /// Whether `text` holds any of the names, ASCII letters compared without case.
    pub(crate) fn in_text(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        if self.longest >= CHUNK {
            // Only a name of 4 KiB or more gets here: fold the whole text at once.
            return self.names.is_match(&bytes.to_ascii_lowercase());
        }
        // One buffer per thread, reused: zeroing a fresh 4 KiB array for every file cost
        // more than the search of most files (callgrind).
        thread_local! {
            static FOLDED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
        }
        FOLDED.with_borrow_mut(|buf| {
            let mut start = 0;
            loop {
                let end = (start + CHUNK).min(bytes.len());
                buf.clear();
                buf.extend_from_slice(&bytes[start..end]);
                buf.make_ascii_lowercase();
                if self.names.is_match(buf.as_slice()) {
                    return true;
                }
                if end == bytes.len() {
                    return false;
                }
                // Every name that ends past this chunk starts at or after
                // `end - longest + 1`.
                start = end + 1 - self.longest.max(1);
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn across_chunks_and_case() {
        let m = Mentions::new(&["kind".into(), "grafana/k6".into()]).expect("automaton");
        let pad = "x".repeat(CHUNK - 2);
        assert!(m.in_text(&format!("{pad}KInd")));
        assert!(m.in_text(&format!("{pad}{pad}Grafana/K6 {pad}")));
        assert!(!m.in_text(&format!("{pad}kin d")));
        assert!(!m.in_text(""));
        // The longest name at every offset across the first boundary.
        for at in CHUNK - 12..=CHUNK {
            assert!(
                m.in_text(&format!("{}grafana/k6", "x".repeat(at))),
                "at {at}"
            );
        }
    }

    proptest! {
        /// The same answer as aho-corasick's own case-insensitive search, on texts of
        /// several chunks with names at any offset and in any case.
        #[test]
        fn is_the_case_insensitive_search(
            names in proptest::collection::vec("[a-z/_-]{1,6}", 1..5),
            pieces in proptest::collection::vec(
                prop_oneof![
                    3 => "[xyzXYZ ]{0,3000}",
                    1 => "[a-zA-Z/_-]{1,6}",
                ],
                0..8,
            ),
        ) {
            let text = pieces.concat();
            let reference = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&names)
                .expect("automaton");
            let m = Mentions::new(&names).expect("automaton");
            prop_assert_eq!(m.in_text(&text), reference.is_match(&text));
        }
    }
}
