//! The one keyword table: reserved words, declaration builtins, and the prefix words that
//! run the rest of the command line (`sudo make x` runs `make`).
//!
//! Decision on prefix words: a word is a prefix when it runs its operands as a command
//! with the same arguments and the program stays visible in the text. `exec`, `command`,
//! `builtin`, `env`, `sudo`, `doas`, `time`, `nohup`, `nice`, `timeout`, `stdbuf`,
//! `setsid` and `xargs` are prefixes (for `xargs` the command gets more arguments from its
//! input, which are unknown). `command -v`/`-V` only looks the name up and runs nothing.
//! `watch`, `bash -c`, `sh -c` and `eval` run a string, not words: they are programs, and a
//! rule that cares reads their string argument. Reserved words come from POSIX XCU 2.4
//! plus bash's `[[`, `]]`, `function`, `select`, `coproc`, `time`.

use ops_model::path::file_name;

/// Reserved words (POSIX XCU 2.4 and bash). Recognised only unquoted in command position.
pub const RESERVED: &[&str] = &[
    "!", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi", "for", "if", "in", "then",
    "until", "while", "function", "select", "time", "coproc", "[[", "]]",
];

/// Builtins whose `NAME=value` operands are assignments (bash "declaration commands").
pub const DECLARATIONS: &[&str] = &["export", "readonly", "local", "declare", "typeset"];

/// True for a reserved word.
pub fn is_reserved(word: &str) -> bool {
    RESERVED.contains(&word)
}

/// True for a declaration builtin (`export`, `readonly`, `local`, `declare`, `typeset`).
pub fn is_declaration(word: &str) -> bool {
    DECLARATIONS.contains(&word)
}

/// A prefix word: its options that take a separate argument, and how many operands it
/// consumes before the command (`timeout 10 cmd` consumes the duration).
struct Prefix {
    name: &'static str,
    options_with_argument: &'static [&'static str],
    operands_before_command: usize,
    /// `NAME=value` words after it are environment settings (`env`, `sudo`).
    takes_assignments: bool,
}

const PREFIXES: &[Prefix] = &[
    Prefix {
        name: "exec",
        options_with_argument: &["-a"],
        operands_before_command: 0,
        takes_assignments: false,
    },
    Prefix {
        name: "command",
        options_with_argument: &[],
        operands_before_command: 0,
        takes_assignments: false,
    },
    Prefix {
        name: "builtin",
        options_with_argument: &[],
        operands_before_command: 0,
        takes_assignments: false,
    },
    Prefix {
        name: "env",
        options_with_argument: &["-u", "--unset", "-C", "--chdir", "-S", "--split-string"],
        operands_before_command: 0,
        takes_assignments: true,
    },
    Prefix {
        name: "sudo",
        options_with_argument: &[
            "-u",
            "--user",
            "-g",
            "--group",
            "-h",
            "--host",
            "-p",
            "--prompt",
            "-C",
            "--close-from",
            "-D",
            "--chdir",
            "-r",
            "--role",
            "-t",
            "--type",
            "-U",
            "--other-user",
            "-T",
            "--command-timeout",
        ],
        operands_before_command: 0,
        takes_assignments: true,
    },
    Prefix {
        name: "doas",
        options_with_argument: &["-u", "-C"],
        operands_before_command: 0,
        takes_assignments: false,
    },
    Prefix {
        name: "time",
        options_with_argument: &["-f", "--format", "-o", "--output"],
        operands_before_command: 0,
        takes_assignments: false,
    },
    Prefix {
        name: "nohup",
        options_with_argument: &[],
        operands_before_command: 0,
        takes_assignments: false,
    },
    Prefix {
        name: "nice",
        options_with_argument: &["-n", "--adjustment"],
        operands_before_command: 0,
        takes_assignments: false,
    },
    Prefix {
        name: "timeout",
        options_with_argument: &["-s", "--signal", "-k", "--kill-after"],
        operands_before_command: 1,
        takes_assignments: false,
    },
    Prefix {
        name: "stdbuf",
        options_with_argument: &["-i", "-o", "-e", "--input", "--output", "--error"],
        operands_before_command: 0,
        takes_assignments: false,
    },
    Prefix {
        name: "setsid",
        options_with_argument: &[],
        operands_before_command: 0,
        takes_assignments: false,
    },
    Prefix {
        name: "xargs",
        options_with_argument: &[
            "-I",
            "-n",
            "-P",
            "-L",
            "-d",
            "-E",
            "-s",
            "-a",
            "--max-args",
            "--max-procs",
            "--delimiter",
            "--arg-file",
            "--replace",
        ],
        operands_before_command: 0,
        takes_assignments: false,
    },
];

/// True for a prefix word (see the module docs).
pub fn is_prefix(word: &str) -> bool {
    PREFIXES.iter().any(|p| p.name == word)
}

/// The index of the program in a simple command's words (quote-removed text, as
/// [`super::Word::literal`] or [`super::Word::unquoted`] give), after prefix words and
/// their options: `["sudo", "-E", "bash", "x.sh"]` gives `Some(2)`. A prefix is compared
/// by file name (`/usr/bin/env` is `env`). `None` when nothing runs: no words, `exec`
/// with only redirections, `command -v name`, a prefix with no command after it.
pub fn program_index<S: AsRef<str>>(words: &[S]) -> Option<usize> {
    program_index_by(|i| words.get(i))
}

/// [`program_index`] of words given one at a time: `word(i)` is the text of word `i`, `None`
/// past the last. Only the words it needs are asked for, which for most commands (their
/// program first) is the first one: a caller with words in another form (syntax nodes,
/// evaluated values) need not collect every word's text for it.
pub fn program_index_by<S: AsRef<str>>(word: impl Fn(usize) -> Option<S>) -> Option<usize> {
    let mut i = 0;
    'outer: while let Some(first) = word(i) {
        let first = first.as_ref();
        // The walk asks for every command: a byte scan, not `rsplit`'s character search.
        let name = file_name(first);
        let Some(prefix) = PREFIXES.iter().find(|p| p.name == name) else {
            return Some(i);
        };
        i += 1;
        let mut operands = prefix.operands_before_command;
        while let Some(next) = word(i) {
            let next = next.as_ref();
            if next == "--" {
                i += 1;
                break;
            }
            if prefix.name == "command" && matches!(next, "-v" | "-V") {
                return None;
            }
            if next.starts_with('-') && next.len() > 1 {
                let takes = prefix.options_with_argument.contains(&next);
                i += if takes { 2 } else { 1 };
                continue;
            }
            if prefix.takes_assignments && super::parse::assignment_text(next) {
                i += 1;
                continue;
            }
            if operands > 0 {
                operands -= 1;
                i += 1;
                continue;
            }
            continue 'outer;
        }
        // After `--`, the next word is the command (or a further prefix).
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_skipped() {
        assert_eq!(program_index(&["make", "x"]), Some(0));
        assert_eq!(
            program_index(&["sudo", "-E", "-u", "root", "bash", "x"]),
            Some(4)
        );
        assert_eq!(
            program_index(&["env", "-i", "A=1", "B=2", "python3", "x"]),
            Some(4)
        );
        assert_eq!(program_index(&["/usr/bin/env", "bash"]), Some(1));
        assert_eq!(
            program_index(&["timeout", "-s", "KILL", "10", "kubectl", "x"]),
            Some(4)
        );
        assert_eq!(
            program_index(&["exec", "nohup", "nice", "-n", "5", "./x.sh"]),
            Some(5)
        );
        assert_eq!(program_index(&["xargs", "-I", "{}", "rm", "{}"]), Some(3));
        assert_eq!(program_index(&["command", "--", "ls"]), Some(2));
        assert_eq!(program_index(&["command", "-v", "ls"]), None);
        assert_eq!(program_index(&["exec"]), None);
        assert_eq!(program_index::<&str>(&[]), None);
        assert!(is_reserved("fi") && !is_reserved("echo"));
        assert!(is_declaration("local") && is_prefix("sudo"));
    }

    /// `program_index_by` gives `program_index`'s answer, asking only for the words it
    /// needs: the first alone when it is the program.
    #[test]
    fn program_index_by_asks_only_for_the_words_it_needs() {
        let firsts = [
            "make",
            "sudo",
            "/usr/bin/env",
            "env",
            "./exec",
            "exec",
            "bin/nohup",
            "xargs",
            "command",
            "kubectl",
            "",
            "/",
            "a/b/",
        ];
        for first in firsts {
            for rest in [&[][..], &["-v", "ls"][..], &["x"][..], &["--"][..]] {
                let words: Vec<&str> = std::iter::once(first).chain(rest.iter().copied()).collect();
                let asked = std::cell::Cell::new(0);
                let got = program_index_by(|i| {
                    asked.set(asked.get().max(i + 1));
                    words.get(i)
                });
                assert_eq!(got, program_index(&words), "{words:?}");
                if !is_prefix(first.rsplit('/').next().unwrap_or(first)) {
                    assert_eq!((got, asked.get()), (Some(0), 1), "{words:?}");
                } else {
                    assert_ne!(got, Some(0), "{words:?}");
                }
            }
        }
    }
}
