//! Functions for text and file names (GNU make manual 8.2 "Functions for String
//! Substitution and Analysis", 8.3 "Functions for File Names"). When an argument holds an
//! unknown stretch the result is one unknown stretch. `$(wildcard)` asks the
//! [`Loader`](super::Loader); `$(abspath)` and `$(realpath)` are lexical (symbolic links are
//! not followed) and relative to make's working directory, the repository root anchor.

use crate::value::has_unknown_mark;

use super::ROOT_MARK;
use super::database::ProblemKind;
use super::expand::{Expanded, Expander};
use super::lines::words;
use super::loader::{Refused, has_glob, relative_to, resolve};
use super::pattern::{Pattern, patsubst_word};

/// A text or file-name function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextFn {
    Subst,
    Patsubst,
    Strip,
    Findstring,
    Filter,
    FilterOut,
    Sort,
    Word,
    Words,
    Wordlist,
    Firstword,
    Lastword,
    Dir,
    Notdir,
    Suffix,
    Basename,
    Addsuffix,
    Addprefix,
    Join,
    Wildcard,
    Realpath,
    Abspath,
}

impl TextFn {
    pub fn lookup(name: &str) -> Option<TextFn> {
        use TextFn::*;
        Some(match name {
            "subst" => Subst,
            "patsubst" => Patsubst,
            "strip" => Strip,
            "findstring" => Findstring,
            "filter" => Filter,
            "filter-out" => FilterOut,
            "sort" => Sort,
            "word" => Word,
            "words" => Words,
            "wordlist" => Wordlist,
            "firstword" => Firstword,
            "lastword" => Lastword,
            "dir" => Dir,
            "notdir" => Notdir,
            "suffix" => Suffix,
            "basename" => Basename,
            "addsuffix" => Addsuffix,
            "addprefix" => Addprefix,
            "join" => Join,
            "wildcard" => Wildcard,
            "realpath" => Realpath,
            "abspath" => Abspath,
            _ => return None,
        })
    }

    pub fn max_args(self) -> usize {
        use TextFn::*;
        match self {
            Subst | Patsubst | Wordlist => 3,
            Findstring | Filter | FilterOut | Word | Addsuffix | Addprefix | Join => 2,
            _ => 1,
        }
    }
}

/// Calls `f` on its raw arguments.
pub(crate) fn call(
    e: &mut Expander<'_, '_>,
    f: TextFn,
    args: &[&str],
    out: &mut String,
) -> Expanded<()> {
    let mut values = Vec::with_capacity(f.max_args());
    for i in 0..f.max_args() {
        values.push(e.expand(args.get(i).copied().unwrap_or(""))?);
    }
    if values.iter().any(|v| has_unknown_mark(v)) {
        return e.unknown(out);
    }
    let a = |i: usize| values.get(i).map_or("", String::as_str);
    let result: Vec<String> = match f {
        TextFn::Subst => {
            let (from, to, text) = (a(0), a(1), a(2));
            if from.is_empty() {
                e.push(out, text)?;
                return e.push(out, to);
            }
            // Counted before it is built: a long `to` times many matches must not be.
            let grows = text.matches(from).count().saturating_mul(to.len());
            e.budget.produce(grows).map_err(|k| e.stop(k))?;
            return e.push(out, &text.replace(from, to));
        }
        TextFn::Patsubst => {
            let (from, to) = (Pattern::new(a(0)), Pattern::new(a(1)));
            map_words(e, a(2), |w| Some(patsubst_word(&from, &to, w)))?
        }
        TextFn::Strip => map_words(e, a(0), |w| Some(w.to_string()))?,
        TextFn::Findstring => {
            return if a(1).contains(a(0)) {
                e.push(out, a(0))
            } else {
                Ok(())
            };
        }
        TextFn::Filter | TextFn::FilterOut => {
            let patterns: Vec<Pattern> = words(a(0)).map(Pattern::new).collect();
            let keep = f == TextFn::Filter;
            map_words(e, a(1), |w| {
                (patterns.iter().any(|p| p.stem(w).is_some()) == keep).then(|| w.to_string())
            })?
        }
        TextFn::Sort => {
            let mut all = map_words(e, a(0), |w| Some(w.to_string()))?;
            all.sort();
            all.dedup();
            all
        }
        TextFn::Word | TextFn::Wordlist => {
            let Some(first) = number(e, a(0), "first")? else {
                return e.unknown(out);
            };
            let last = match f {
                TextFn::Word => first,
                _ => match number(e, a(1), "second")? {
                    Some(n) => n,
                    None => return e.unknown(out),
                },
            };
            let list = if f == TextFn::Word { a(1) } else { a(2) };
            if first == 0 {
                e.notes.push((
                    ProblemKind::Error,
                    "first argument of `$(word)` or `$(wordlist)` must be greater than 0".into(),
                ));
                return e.unknown(out);
            }
            map_words(e, list, |w| Some(w.to_string()))?
                .into_iter()
                .skip(first - 1)
                .take((last + 1).saturating_sub(first))
                .collect()
        }
        TextFn::Words => vec![words(a(0)).count().to_string()],
        TextFn::Firstword => words(a(0)).next().map(str::to_string).into_iter().collect(),
        TextFn::Lastword => words(a(0)).last().map(str::to_string).into_iter().collect(),
        TextFn::Dir => map_words(e, a(0), |w| {
            Some(match w.rfind('/') {
                Some(i) => w[..=i].to_string(),
                None => "./".to_string(),
            })
        })?,
        TextFn::Notdir => map_words(e, a(0), |w| {
            Some(w[w.rfind('/').map_or(0, |i| i + 1)..].to_string())
        })?,
        TextFn::Suffix => map_words(e, a(0), |w| suffix_at(w).map(|i| w[i..].to_string()))?,
        TextFn::Basename => map_words(e, a(0), |w| {
            Some(w[..suffix_at(w).unwrap_or(w.len())].to_string())
        })?,
        TextFn::Addsuffix => map_words(e, a(1), |w| Some(format!("{w}{}", a(0))))?,
        TextFn::Addprefix => map_words(e, a(1), |w| Some(format!("{}{w}", a(0))))?,
        TextFn::Join => {
            let (left, right): (Vec<&str>, Vec<&str>) =
                (words(a(0)).collect(), words(a(1)).collect());
            (0..left.len().max(right.len()))
                .map(|i| {
                    format!(
                        "{}{}",
                        left.get(i).unwrap_or(&""),
                        right.get(i).unwrap_or(&"")
                    )
                })
                .collect()
        }
        TextFn::Wildcard => return wildcard(e, a(0), out),
        TextFn::Realpath | TextFn::Abspath => {
            let base = e.env.base;
            let mut unknown = false;
            let all = map_words(e, a(0), |w| match absolute(base, w) {
                Some(p) => Some(p),
                None => {
                    unknown = true;
                    None
                }
            })?;
            if unknown {
                return e.unknown(out);
            }
            all
        }
    };
    e.push(out, &result.join(" "))
}

/// Applies `f` to each word, counting one step per word; `None` drops the word.
fn map_words(
    e: &mut Expander<'_, '_>,
    text: &str,
    mut f: impl FnMut(&str) -> Option<String>,
) -> Expanded<Vec<String>> {
    let mut out = Vec::new();
    for w in words(text) {
        e.step()?;
        if let Some(r) = f(w) {
            e.budget.produce(r.len() + 1).map_err(|k| e.stop(k))?;
            out.push(r);
        }
    }
    Ok(out)
}

/// A positive integer argument of `word`/`wordlist`; a non-numeric one is make's error.
fn number(e: &mut Expander<'_, '_>, text: &str, which: &str) -> Expanded<Option<usize>> {
    match super::functions::trim(text).parse::<usize>() {
        Ok(n) => Ok(Some(n)),
        Err(_) => {
            e.notes.push((
                ProblemKind::Error,
                format!("non-numeric {which} argument `{text}` to `$(word)` or `$(wordlist)`"),
            ));
            Ok(None)
        }
    }
}

/// The byte index of a word's suffix: its last `.` in the file-name part.
fn suffix_at(word: &str) -> Option<usize> {
    let name_start = word.rfind('/').map_or(0, |i| i + 1);
    word[name_start..].rfind('.').map(|i| name_start + i)
}

/// `$(abspath word)`: the root anchor and the lexically normalised path; an absolute path
/// normalised as is. `None` when it leaves the repository.
fn absolute(base: &str, word: &str) -> Option<String> {
    match resolve(base, word) {
        Ok(p) if p.is_empty() => Some(ROOT_MARK.to_string()),
        Ok(p) => Some(format!("{ROOT_MARK}/{p}")),
        Err(Refused::Absolute) => {
            let mut parts: Vec<&str> = Vec::new();
            for c in word.split('/') {
                match c {
                    "" | "." => {}
                    ".." => {
                        parts.pop();
                    }
                    c => parts.push(c),
                }
            }
            Some(format!("/{}", parts.join("/")))
        }
        Err(Refused::LeavesRoot) => None,
    }
}

/// `$(wildcard pattern...)` through the loader, paths as make names them (relative to its
/// working directory).
fn wildcard(e: &mut Expander<'_, '_>, patterns: &str, out: &mut String) -> Expanded<()> {
    let Some(loader) = e.env.loader else {
        return e.unknown(out);
    };
    let base = e.env.base;
    let mut found = Vec::new();
    for word in words(patterns) {
        e.step()?;
        let Ok(path) = resolve(base, word) else {
            return e.unknown(out);
        };
        let matches = if has_glob(word) {
            loader.glob(&path)
        } else {
            loader.glob(&path).into_iter().take(1).collect()
        };
        for m in matches {
            e.step()?;
            found.push(if word.starts_with(ROOT_MARK) {
                format!("{ROOT_MARK}/{m}")
            } else {
                relative_to(base, &m).into_owned()
            });
        }
    }
    e.push(out, &found.join(" "))
}
