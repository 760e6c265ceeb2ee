//! LAY007: script and manifest names are durable nouns, free of temporal and task words,
//! dates and step numbering.

use ops_model::text::NameWords;
use ops_model::{CheckContext, Contract, Entry, Finding, RepoPath, Rule, RuleMeta, declare_rule};

use crate::ops_tree::below_ops;

declare_rule! {
    /// Script and manifest file names are durable nouns: no temporal/task words, no dates, no
    /// step numbering.
    pub TemporalName {
        code: "LAY007",
        slug: "temporal-name",
        clause: "Script and manifest names must be durable nouns with qualifiers; temporal/task naming is forbidden.",
        severity: Error,
        summary: "script and manifest names under ops/ carry no temporal/task words, dates or step numbering",
        explanation: r#"## What

Looks at the names of script and manifest files under `ops/`: every file with one of the
extensions in `layout.named_extensions` (default `sh bash py json yaml yml toml`) anywhere
after the first dot, so `deploy.sh.bak` is judged too. The name is split into tokens on `-`,
`_`, `.`, other punctuation and case changes (`newDeploy` is `new` + `deploy`), and a
finding names each offending token:

- a temporal or task word (`layout.temporal_words`: `new old tmp temp final wip draft todo
  fixme hack legacy backup bak copy quick`), also with a number glued on (`tmp2`);
- a date: a year from 1970 to 2099 (`2024`), a `YYYYMM` or `YYYYMMDD` token, or a longer
  number starting with one (`20240101T1200` splits into `20240101` and `t1200`);
- sequencing: a word of `layout.sequence_words` (`step phase stage`) with a number glued on
  or right after it (`step1`, `phase-2`).

Only whole tokens count: `newsletter.json`, `template.yaml` and `oldest-first.sh` are fine.

`backup` and `copy` are judged differently, because they name features as often as state:
`backup.sh` runs backups, `pg-backup.yaml` schedules them, `test_backup_restore.sh` tests
them. Such a word is reported only when the file it would be a copy of sits next to it:
`deploy-backup.sh` beside `deploy.sh`, `prodCopy.yaml` beside `prod.yaml` (the same name
without the word and one separator beside it). The other words say nothing but state and
are reported wherever they appear. Every finding is an `error`: a name either carries the
word or it does not; the only judgement is the one above, and it reports nothing when in
doubt.
Files below `layout.temporal_name_skip_dirs` (default `ops/_artifacts/`, where runtime
outputs legitimately carry run ids and dates) are not judged, nor are directory names.

## Why

A name that says when or in what state a file was written (`deploy-new.sh`,
`values-final.yaml`, `migrate-2024-03.sh`, `step2-load.sh`) is wrong the day after: the
"new" script becomes the old one, the final values get edited, the step order changes.
Operators and automation refer to these files by name, so names must describe what the file
is, and history belongs to git.

## Fix

Rename the file after what it holds or does (`deploy-old.sh` -> `deploy-blue-green.sh`,
`values-final.yaml` -> `values-production.yaml`) and delete copies and backups; git keeps
the history. Update the places that refer to the old name.

## Configuration

`layout.temporal_words`, `layout.sequence_words`, `layout.named_extensions` and
`layout.temporal_name_skip_dirs` in `ops-check.toml`.
"#,
    }
}

impl Rule for TemporalName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let ops = cx.contract.ops_path("");
        let words = Words::new(cx.contract);
        cx.index
            .files_under(&ops)
            .filter(|e| !skipped(cx.contract, e))
            .filter(|e| is_named_kind(cx.contract, e.path.file_name()))
            .filter(|e| words.may_offend(e.path.file_name()))
            .filter_map(|e| judge(cx, e))
            .collect()
    }
}

/// The configured temporal and sequence words, found in a name in one pass: most names
/// hold none, and splitting every name into tokens was 2.6% of a run on a 20,000-file
/// tree (callgrind).
struct Words(NameWords);

impl Words {
    fn new(contract: &Contract) -> Words {
        let layout = &contract.layout;
        Words(NameWords::new(
            layout.temporal_words.iter().chain(&layout.sequence_words),
        ))
    }

    /// False only when `name` has no offending token ([`offending_tokens`]): it is ASCII,
    /// so each token is a piece of it lower-cased, and it holds no configured word and no
    /// run of four digits (the shortest date).
    fn may_offend(&self, name: &str) -> bool {
        self.0.may_hold(name)
            || name
                .as_bytes()
                .windows(4)
                .any(|w| w.iter().all(u8::is_ascii_digit))
    }
}

fn skipped(contract: &Contract, entry: &Entry) -> bool {
    let Some(rest) = below_ops(contract, &entry.path) else {
        return true;
    };
    contract
        .layout
        .temporal_name_skip_dirs
        .iter()
        .any(|dir| ops_model::path::is_within(rest, dir))
}

/// A script or manifest: one of the configured extensions appears after the first dot.
fn is_named_kind(contract: &Contract, name: &str) -> bool {
    name.split('.').skip(1).any(|ext| {
        contract
            .layout
            .named_extensions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ext))
    })
}

/// Temporal words that are also the names of features: a backup job, a copy step. They say
/// "this file is a copy" only when the file they would be a copy of sits next to it.
pub const COPY_WORDS: &[&str] = &["backup", "copy"];

fn judge(cx: &CheckContext<'_>, entry: &Entry) -> Option<Finding> {
    let name = entry.path.file_name();
    let mut reasons = offending_tokens(cx.contract, name);
    let mut original = None;
    reasons.retain(|r| {
        let word = r.token.trim_end_matches(|c: char| c.is_ascii_digit());
        if r.kind != Kind::Temporal || !COPY_WORDS.contains(&word) {
            return true;
        }
        let sibling = sibling_without(cx, &entry.path, &r.token);
        let copy = sibling.is_some();
        original = original.take().or(sibling);
        copy
    });
    if reasons.is_empty() {
        return None;
    }
    let tokens: Vec<String> = reasons.iter().map(|r| format!("`{}`", r.token)).collect();
    let detail: Vec<String> = reasons.iter().map(Reason::describe).collect();
    let of = original
        .map(|o| format!(" (a copy of `{o}`)"))
        .unwrap_or_default();
    Some(
        Finding::new(
            &TemporalName::META,
            entry.path.clone(),
            format!(
                "the name `{name}` is not a durable noun: {}{of}",
                detail.join("; ")
            ),
        )
        .help(format!(
            "rename it after what it holds or does, without {}; git keeps the history",
            tokens.join(", ")
        )),
    )
}

/// The file next to `path` whose name is `path`'s without `token` (and one separator
/// beside it): `deploy.sh` for `deploy-backup.sh`, `deployCopy.sh` or `deploy.sh.copy`.
fn sibling_without(cx: &CheckContext<'_>, path: &RepoPath, token: &str) -> Option<String> {
    let name = path.file_name();
    let lower = name.to_ascii_lowercase();
    let dir = path.parent().unwrap_or_default();
    let is_sep = |b: Option<&u8>| matches!(b, Some(b'-' | b'_' | b'.' | b' '));
    lower.match_indices(token).find_map(|(at, _)| {
        let end = at + token.len();
        let bytes = name.as_bytes();
        let mut candidates = Vec::new();
        if at > 0 && is_sep(bytes.get(at - 1)) {
            candidates.push(format!("{}{}", &name[..at - 1], &name[end..]));
        }
        if is_sep(bytes.get(end)) {
            candidates.push(format!("{}{}", &name[..at], &name[end + 1..]));
        }
        candidates.push(format!("{}{}", &name[..at], &name[end..]));
        candidates
            .into_iter()
            .filter(|c| !c.is_empty() && !c.starts_with('.') && c != name)
            .find(|c| cx.index.is_file(dir.join(c).as_str()))
    })
}

#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Temporal,
    Date,
    Sequence,
}

#[derive(Debug, PartialEq, Eq)]
struct Reason {
    token: String,
    kind: Kind,
}

impl Reason {
    fn describe(&self) -> String {
        match self.kind {
            Kind::Temporal => format!("`{}` is a temporal or task word", self.token),
            Kind::Date => format!("`{}` looks like a date", self.token),
            Kind::Sequence => format!("`{}` is step numbering", self.token),
        }
    }
}

fn offending_tokens(contract: &Contract, name: &str) -> Vec<Reason> {
    let layout = &contract.layout;
    let tokens = tokens(name);
    let mut reasons = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let word = token.trim_end_matches(|c: char| c.is_ascii_digit());
        let number = &token[word.len()..];
        let next_is_number = tokens
            .get(i + 1)
            .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()));
        let kind = if !word.is_empty()
            && layout
                .temporal_words
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word))
        {
            Kind::Temporal
        } else if word.is_empty() && is_date(token) {
            Kind::Date
        } else if layout
            .sequence_words
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
            && (!number.is_empty() || next_is_number)
        {
            Kind::Sequence
        } else {
            continue;
        };
        let token = match (&kind, number.is_empty(), tokens.get(i + 1)) {
            (Kind::Sequence, true, Some(next)) => format!("{token}-{next}"),
            _ => token.clone(),
        };
        reasons.push(Reason { token, kind });
    }
    reasons
}

/// Lower-case tokens of a file name: split on punctuation and on case changes
/// (`newDeploy` -> `new`, `deploy`; `HTTPServer` -> `http`, `server`). Digits stay glued to
/// the letters before them (`step1`, `k8s`).
fn tokens(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            push(&mut out, &mut current);
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        // A date glued to a time (`20240101T1200`) splits at the letter after the digits.
        let after_date = c.is_alphabetic()
            && prev.is_some_and(|p| p.is_ascii_digit())
            && current.bytes().all(|b| b.is_ascii_digit())
            && current.len() >= 6;
        if boundary || after_date {
            push(&mut out, &mut current);
        }
        current.extend(c.to_lowercase());
    }
    push(&mut out, &mut current);
    out
}

fn push(out: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        out.push(std::mem::take(current));
    }
}

/// A year (1970..=2099), `YYYYMM`, `YYYYMMDD`, or a longer number starting with `YYYYMMDD`.
fn is_date(token: &str) -> bool {
    if !token.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let num = |range: std::ops::Range<usize>| token.get(range).and_then(|s| s.parse::<u32>().ok());
    let year = num(0..4).is_some_and(|y| (1970..=2099).contains(&y));
    let month = num(4..6).is_some_and(|m| (1..=12).contains(&m));
    let day = num(6..8).is_some_and(|d| (1..=31).contains(&d));
    match token.len() {
        4 => year,
        6 => year && month,
        n if n >= 8 => year && month && day,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
