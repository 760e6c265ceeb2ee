//! The syntax tree of a plain command line, built without the lexer and parser.
//!
//! Most make recipe lines and Markdown code spans are one simple command of plain words
//! (`./bin/atlasctl ops gen run --id 7`). A generated makefile has hundreds of thousands
//! of them, each read as a fragment, and the general lexer and parser cost about 5,000
//! instructions a line (callgrind, a 200,000-target makefile). A line made only of bytes
//! no shell reads specially needs none of that: its words are its blank-separated fields.

use super::ast::{AndOr, Command, ListItem, Pipeline, Program, SimpleCommand};
use super::keywords::is_reserved;
use super::word::{Word, WordPart, WordParts};

/// At most this many words take the short way; a longer line is rare and the general
/// reader counts its tokens against [`super::Limits::max_tokens`].
const MAX_WORDS: usize = 32;

/// What a byte is to [`program`]: part of a plain word, a blank between words, or
/// anything else (the line is the general reader's).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Other,
    Blank,
    Plain,
}

/// Every byte's [`Class`]. Plain bytes mean the same to every shell reading them unquoted,
/// anywhere in a word: letters, digits and `_ - . / , : % +` (no quote, escape, expansion,
/// glob, brace, tilde, comment, assignment, operator or extended-glob sign).
static CLASSES: [Class; 256] = {
    let mut classes = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric()
            || matches!(c, b'_' | b'-' | b'.' | b'/' | b',' | b':' | b'%' | b'+')
        {
            classes[b] = Class::Plain;
        } else if c == b' ' || c == b'\t' {
            classes[b] = Class::Blank;
        }
        b += 1;
    }
    classes
};

/// The program of `text` when it is one simple command of plain words separated by
/// spaces and tabs, whose first word is not a reserved word; `None` for any other text
/// (the general reader's business), `max_tokens` included: a line of more words than
/// that budget allows is left to the reader that reports it.
pub(super) fn program(text: &str, max_tokens: usize) -> Option<Program> {
    let bytes = text.as_bytes();
    // One pass to say yes or no and count the words, so that nothing is built for a line
    // that is not plain and the words' vector is allocated once.
    let mut count = 0;
    let mut blank = true;
    for &b in bytes {
        match CLASSES[usize::from(b)] {
            Class::Other => return None,
            Class::Blank => blank = true,
            Class::Plain => {
                count += usize::from(blank);
                blank = false;
            }
        }
    }
    if count > MAX_WORDS {
        return None;
    }
    let mut words: Vec<Word> = Vec::with_capacity(count);
    let mut i = 0;
    while i < bytes.len() {
        if CLASSES[usize::from(bytes[i])] == Class::Blank {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && CLASSES[usize::from(bytes[i])] == Class::Plain {
            i += 1;
        }
        let mut parts = WordParts::new();
        parts.push(WordPart::Literal(text[start..i].to_string()));
        words.push(Word {
            parts,
            start,
            end: i,
        });
    }
    let (first, last) = (words.first()?, words.last()?);
    let first_text = &text[first.start..first.end];
    // The lexer's tokens: the words and the end. Beyond the budget, the reader decides.
    if is_reserved(first_text) || words.len() + 1 > max_tokens {
        return None;
    }
    let (start, end) = (first.start, last.end);
    let command = Command::Simple(SimpleCommand {
        assignments: Vec::new(),
        words,
        redirects: Vec::new(),
        start,
        end,
    });
    Some(Program {
        items: vec![ListItem {
            and_or: AndOr {
                first: Pipeline {
                    negated: false,
                    timed: false,
                    commands: vec![command],
                    stderr_piped: Vec::new(),
                    start,
                    end,
                },
                rest: Vec::new(),
            },
            background: false,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::super::budget::Tally;
    use super::super::{Limits, read_program};
    use super::*;

    /// What the general reader makes of `text`, with the notes and budgets it left.
    fn general(text: &str, keep_notes: bool) -> (Program, usize) {
        let mut tally = Tally::new(Limits::default(), keep_notes);
        let program = read_program(text, &mut tally);
        (program, tally.notes.len() + tally.budgets.len())
    }

    #[test]
    fn a_recipe_line_is_one_simple_command() {
        let text = "  ./bin/atlasctl ops gen run --id 7\t";
        let program = program(text, 100).unwrap();
        assert_eq!(program, general(text, true).0);
        assert!(program.items[0].and_or.first.start == 2);
    }

    #[test]
    fn other_lines_are_left_to_the_reader() {
        for text in [
            "",
            "  ",
            "if x",
            "time make",
            "a=b cmd",
            "echo $X",
            "echo 'a'",
            "a;b",
            "ls *",
            "cd ~",
            "echo {a,b}",
            "x # c",
            "a\nb",
            "echo é",
            "! x",
            "[[ x ]]",
            "a\\ b",
        ] {
            assert_eq!(program(text, 100), None, "{text:?}");
        }
        assert_eq!(program("a b c", 3), None);
        assert!(program("a b c", 4).is_some());
    }

    /// The short way is taken only where the general reader stays within the token budget.
    #[test]
    fn the_token_budget_is_the_general_readers() {
        for max_tokens in 1..8 {
            let limits = Limits {
                max_tokens,
                ..Limits::default()
            };
            let mut tally = Tally::new(limits, true);
            let long = read_program("a b c", &mut tally);
            match program("a b c", max_tokens) {
                Some(short) => assert!(short == long && tally.budgets.is_empty(), "{max_tokens}"),
                None => assert!(!tally.budgets.is_empty(), "{max_tokens}"),
            }
        }
    }

    proptest::proptest! {
        /// Where the short way answers, it answers what the general reader does, which
        /// notes nothing; words include reserved and declaration words in every position.
        #[test]
        fn the_short_way_is_the_general_reader(
            words in proptest::collection::vec(
                "(if|in|do|fi|done|time|export|local|select|function|coproc|-x|a|ops-up|\
                  \\./b/c\\.sh|1|2,3|x:y|%d|\\+z|_v|é|a=b|\\$X|\\{|\\}|!|#|~)",
                0..6,
            ),
            blanks in proptest::collection::vec("[ \t]{1,2}", 6),
            lead in "[ \t]{0,2}",
        ) {
            let mut text = lead;
            for (w, b) in words.iter().zip(&blanks) {
                text.push_str(w);
                text.push_str(b);
            }
            if let Some(short) = program(&text, Limits::default().max_tokens) {
                for keep in [true, false] {
                    let (long, noted) = general(&text, keep);
                    proptest::prop_assert_eq!(&short, &long);
                    proptest::prop_assert_eq!(noted, 0);
                }
            }
        }
    }
}
