//! Which arguments of a command are files or directories it writes: `mkdir`, `touch`, `tee`
//! operands, the destination of `cp`/`mv`/`install`/`ln`/`rsync`, and the output options of
//! tools operators run (`curl -o`, `k6 run --summary-export`, `helm template --output-dir`).
//!
//! Each entry follows the tool's own manual (GNU coreutils, curl(1), wget(1), the k6 and
//! Helm CLI references). Output options of programs not listed here (`--out`, `-o` of an
//! in-house CLI) are not taken as writes: what an unknown program does with an option is
//! not known.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// Every program [`written`] knows: a text that names none of them, has no `>` and no `=`
/// has no write site, and is not parsed.
pub const PROGRAMS: &[&str] = &[
    "mkdir", "touch", "tee", "cp", "mv", "ln", "install", "rsync", "curl", "wget", "sort", "k6",
    "helm", "docker", "dd",
];

/// Whether shell text may hold a write site: a redirection (`>`), an assignment (`=`, a
/// variable named like an output) or one of [`PROGRAMS`]. Text without any of them (most
/// scripts of a large tree, most make recipe lines) is not parsed.
///
/// `>` and `=` by `memchr2`, then the programs in one Aho-Corasick pass. Leftmost-first
/// matching lets aho-corasick use its packed (SIMD) searcher, which its standard matching
/// cannot; the answer is the same (is there any match at all). On a generated makefile of
/// 13.8 MB with none of them, the one standard automaton over all seventeen signs took
/// 36 ms, this 6 ms.
pub fn shell_may_write(text: &str) -> bool {
    static PROGRAM_NAMES: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    if memchr::memchr2(b'>', b'=', text.as_bytes()).is_some() {
        return true;
    }
    let programs = PROGRAM_NAMES.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(PROGRAMS)
            .ok()
    });
    match programs {
        Some(ac) => ac.is_match(text),
        // Not reached (the patterns are fixed and few); searched one by one if it were.
        None => PROGRAMS.iter().any(|p| text.contains(p)),
    }
}

/// One written argument: the index of the word in the command's arguments, what writes
/// (for messages), and a prefix of the word to drop (`json=` of k6's `--out json=FILE`,
/// `--output=` of an attached option value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub index: usize,
    pub what: String,
    pub strip: String,
}

/// An option that takes a value, as the tool spells it.
struct Opt {
    /// Spellings: `-o`, `--output`.
    names: &'static [&'static str],
    /// The value names the file written (else it is skipped).
    writes: bool,
}

const fn opt(names: &'static [&'static str], writes: bool) -> Opt {
    Opt { names, writes }
}

/// The written arguments of `program args...` (`args` are the words after the program,
/// quote-removed as written, `$VAR` kept as text).
pub fn written(program: &str, args: &[&str]) -> Vec<Written> {
    let sub = args.first().copied();
    match program {
        "mkdir" => operands(program, args, &[opt(&["-m", "--mode"], false)], All),
        "touch" => operands(
            program,
            args,
            &[opt(&["-r", "--reference", "-d", "--date", "-t"], false)],
            All,
        ),
        "tee" => operands(program, args, &[], All),
        "cp" | "mv" | "ln" => destination(program, args, &[opt(&["-S", "--suffix"], false)]),
        "install" if args.iter().any(|a| *a == "-d" || *a == "--directory") => operands(
            program,
            args,
            &[opt(
                &["-m", "--mode", "-o", "--owner", "-g", "--group"],
                false,
            )],
            All,
        ),
        "install" => destination(
            program,
            args,
            &[opt(
                &["-m", "--mode", "-o", "--owner", "-g", "--group", "-S"],
                false,
            )],
        ),
        "rsync" => destination(
            program,
            args,
            &[opt(
                &[
                    "-e",
                    "--rsh",
                    "--exclude",
                    "--include",
                    "--exclude-from",
                    "--include-from",
                    "--filter",
                    "-f",
                    "--files-from",
                ],
                false,
            )],
        ),
        "curl" => options(
            "curl",
            args,
            &[opt(&["-o", "--output", "--output-dir"], true)],
            true,
        ),
        "wget" => options(
            "wget",
            args,
            &[opt(
                &[
                    "-O",
                    "--output-document",
                    "-P",
                    "--directory-prefix",
                    "-o",
                    "--output-file",
                    "-a",
                    "--append-output",
                ],
                true,
            )],
            true,
        ),
        "sort" => options("sort", args, &[opt(&["-o", "--output"], true)], true),
        "k6" if sub == Some("run") => {
            let mut out = options(
                "k6 run",
                args,
                &[opt(&["--summary-export", "--out", "-o"], true)],
                false,
            );
            // `--out json=FILE` / `csv=FILE`; other outputs (`influxdb=URL`) write no file.
            out.retain_mut(|w| {
                if !w.what.contains("--summary-export") {
                    let value = &args[w.index][w.strip.len()..];
                    match ["json=", "csv="].iter().find(|p| value.starts_with(*p)) {
                        Some(p) => w.strip.push_str(p),
                        None => return false,
                    }
                }
                true
            });
            out
        }
        "helm" if sub == Some("template") => options(
            "helm template",
            args,
            &[opt(&["--output-dir"], true)],
            false,
        ),
        "helm" if matches!(sub, Some("package" | "pull" | "fetch")) => options(
            &format!("helm {}", sub.unwrap_or_default()),
            args,
            &[opt(&["-d", "--destination"], true)],
            false,
        ),
        "docker" if sub == Some("save") => options(
            "docker save",
            args,
            &[opt(&["-o", "--output"], true)],
            false,
        ),
        "dd" => args
            .iter()
            .enumerate()
            .filter(|(_, a)| a.starts_with("of="))
            .map(|(index, _)| Written {
                index,
                what: "`dd of=`".into(),
                strip: "of=".into(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

struct All;

/// Every operand (not an option or an option's value) of `program`.
fn operands(program: &str, args: &[&str], takes: &[Opt], _all: All) -> Vec<Written> {
    operand_indexes(args, takes)
        .into_iter()
        .map(|index| Written {
            index,
            what: format!("`{program}`"),
            strip: String::new(),
        })
        .collect()
}

/// The destination of `cp`-like programs: the value of `-t DIR` / `--target-directory`, else
/// the last of two or more operands.
fn destination(program: &str, args: &[&str], takes: &[Opt]) -> Vec<Written> {
    let target = opt(&["-t", "--target-directory"], true);
    let by_option = options(program, args, std::slice::from_ref(&target), true);
    if !by_option.is_empty() {
        return by_option;
    }
    let ops = operand_indexes(args, takes);
    match ops.as_slice() {
        [_, .., last] => vec![Written {
            index: *last,
            what: format!("`{program}`"),
            strip: String::new(),
        }],
        _ => Vec::new(),
    }
}

fn operand_indexes(args: &[&str], takes: &[Opt]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut skip = false;
    let mut options_done = false;
    for (i, a) in args.iter().enumerate() {
        if skip {
            skip = false;
        } else if options_done || !a.starts_with('-') || *a == "-" {
            out.push(i);
        } else if *a == "--" {
            options_done = true;
        } else if takes.iter().any(|o| o.names.contains(a)) {
            skip = true;
        }
    }
    out
}

/// The values of the output options among `args`: `-o FILE`, `--output FILE`,
/// `--output=FILE` and, when `clusters` (POSIX short options), `-oFILE` and `-fsSLo FILE`.
fn options(tool: &str, args: &[&str], opts: &[Opt], clusters: bool) -> Vec<Written> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() && args[i] != "--" {
        let mut push = |index: usize, strip: String, name: &str| {
            if index < args.len() {
                out.push(Written {
                    index,
                    what: format!("`{tool} {name}`"),
                    strip,
                });
            }
        };
        match option_value(args[i], opts, clusters) {
            Some(OptValue::Next(name, writes)) => {
                if writes {
                    push(i + 1, String::new(), name);
                }
                i += 2;
                continue;
            }
            Some(OptValue::Attached(name, strip, true)) => push(i, strip, name),
            _ => {}
        }
        i += 1;
    }
    out
}

/// Where an option's value is.
enum OptValue {
    /// In the next argument.
    Next(&'static str, bool),
    /// In this one, after a prefix (`--output=`, `-o`).
    Attached(&'static str, String, bool),
}

fn option_value(arg: &str, opts: &[Opt], clusters: bool) -> Option<OptValue> {
    for o in opts {
        for &name in o.names {
            if arg == name {
                return Some(OptValue::Next(name, o.writes));
            }
            if name.starts_with("--") {
                if arg.strip_prefix(name).is_some_and(|r| r.starts_with('=')) {
                    return Some(OptValue::Attached(name, format!("{name}="), o.writes));
                }
            } else if clusters && !arg.starts_with("--") && arg.starts_with('-') && arg.len() > 2 {
                let letter = &name[1..];
                if arg[1..].starts_with(letter) {
                    return Some(OptValue::Attached(name, name.to_string(), o.writes));
                }
                if arg.ends_with(letter) && arg[1..].chars().all(|c| c.is_ascii_alphabetic()) {
                    return Some(OptValue::Next(name, o.writes));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::Strategy;

    fn w(line: &str) -> Vec<String> {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert!(PROGRAMS.contains(&words[0]) || words[0] == "atlasctl");
        written(words[0], &words[1..])
            .into_iter()
            .map(|w| format!("{} {}", w.what, &words[1 + w.index][w.strip.len()..]))
            .collect()
    }

    #[test]
    fn coreutils() {
        assert_eq!(w("mkdir -p -m 755 a b"), ["`mkdir` a", "`mkdir` b"]);
        assert_eq!(w("touch -r ref x"), ["`touch` x"]);
        assert_eq!(w("tee -a log.txt"), ["`tee` log.txt"]);
        assert_eq!(w("cp a b c/"), ["`cp` c/"]);
        assert_eq!(w("cp -t dir a b"), ["`cp -t` dir"]);
        assert_eq!(w("mv a"), Vec::<String>::new());
        assert_eq!(w("install -m 644 a dst"), ["`install` dst"]);
        assert_eq!(w("install -d x y"), ["`install` x", "`install` y"]);
        assert_eq!(w("rsync -a --exclude x src/ dst/"), ["`rsync` dst/"]);
        assert_eq!(w("dd if=a of=b"), ["`dd of=` b"]);
    }

    #[test]
    fn tool_output_options() {
        assert_eq!(
            w("curl -fsSL --retry 3 --create-dirs -o out/x URL"),
            ["`curl -o` out/x"]
        );
        assert_eq!(w("curl -fsSLo out/y URL"), ["`curl -o` out/y"]);
        assert_eq!(w("curl --output=out/z URL"), ["`curl --output` out/z"]);
        assert_eq!(w("curl -oout/w URL"), ["`curl -o` out/w"]);
        assert_eq!(w("wget -q -O f.tgz URL"), ["`wget -O` f.tgz"]);
        assert_eq!(
            w(
                "k6 run --summary-export a/s.json --out json=a/raw.json --out influxdb=http://x s.js"
            ),
            [
                "`k6 run --summary-export` a/s.json",
                "`k6 run --out` a/raw.json"
            ]
        );
        assert_eq!(
            w("helm template x chart --values v --output-dir out/render"),
            ["`helm template --output-dir` out/render"]
        );
        assert_eq!(w("helm package chart -d dist"), ["`helm package -d` dist"]);
        assert_eq!(w("atlasctl report --out x"), Vec::<String>::new());
        assert_eq!(w("k6 inspect --out json=x"), Vec::<String>::new());
    }

    proptest::proptest! {
        /// The two-step search answers what a plain search for every sign answers: texts
        /// of filler that forms no sign, the programs' names and short runs that may form
        /// signs, long enough for the packed searcher.
        #[test]
        fn may_write_is_any_sign(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    3 => "[abefgjoqxyz ]{0,60}",
                    1 => proptest::sample::select(PROGRAMS.to_vec()).prop_map(str::to_string),
                    1 => "[a-z6 >=$()]{0,3}",
                ],
                0..8,
            )
        ) {
            let text = pieces.concat();
            let any = text.contains(['>', '=']) || PROGRAMS.iter().any(|p| text.contains(p));
            proptest::prop_assert_eq!(shell_may_write(&text), any);
        }
    }
}
