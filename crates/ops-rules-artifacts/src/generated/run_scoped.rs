//! What makes a name or a value run-scoped (ART005, ART010): timestamps and run ids in
//! names; run-scoped keys, measured values, timestamps, machine paths and run output paths
//! in content.

use std::sync::LazyLock;

use ops_model::CheckContext;
use ops_model::contract::ArtifactsConfig;
use regex::Regex;

/// Compiles `pattern`. The patterns of this file spell digits `[0-9]`, not `\d`: timestamps
/// and measured numbers are written in ASCII digits, and Unicode's `\d` (every script's
/// digits) made the name patterns alone cost 11 M instructions to compile, in every run
/// that reads a generated file.
fn re(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

/// ISO-8601 date-times (`2024-05-01T12:00:00Z`, `2024-05-01 12:00`).
static ISO_DATETIME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"\b[0-9]{4}-[01][0-9]-[0-3][0-9][T ][0-2][0-9]:[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-][0-2][0-9]:?[0-5][0-9])?",
    )
});

/// Compact timestamps as run ids use them (`20260219-175720`, `20240501T120000`).
static COMPACT_TIMESTAMP: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?:^|[^0-9])((?:19|20)[0-9]{2}[01][0-9][0-3][0-9][-_T]?[0-2][0-9][0-5][0-9](?:[0-5][0-9])?)(?:[^0-9]|$)",
    )
});

/// A date in a name (`2024-05-01`, `20240501`).
static NAME_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"(?:^|[^0-9])((?:19|20)[0-9]{2}-?[01][0-9]-?[0-3][0-9])(?:[^0-9]|$)"));

/// A run id in a name: `run-3f2a9c1e`, `run_42`, `runid`, or a UUID.
static NAME_RUN_ID: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|[^a-z])(run[-_]?id|run[-_][0-9a-f]{6,}|run[-_][0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[^a-z0-9]|$)",
    )
});

/// A Unix epoch in seconds or milliseconds in a name (`report-1714564800.json`).
static NAME_EPOCH: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"(?:^|[^0-9])(1[5-9][0-9]{8}(?:[0-9]{3})?)(?:[^0-9]|$)"));

/// Why a file or directory name is run-scoped (a timestamp or a run id), if it is.
pub fn run_scoped_name(name: &str) -> Option<String> {
    let find = |r: &LazyLock<Option<Regex>>| {
        r.as_ref()
            .and_then(|r| r.captures(name))
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string())
    };
    if let Some(v) = find(&COMPACT_TIMESTAMP).or_else(|| find(&NAME_DATE)) {
        return Some(format!("timestamp `{v}` in its name"));
    }
    if let Some(v) = find(&NAME_EPOCH) {
        return Some(format!("epoch timestamp `{v}` in its name"));
    }
    find(&NAME_RUN_ID).map(|v| format!("run id `{v}` in its name"))
}

/// A run-scoped value found in a line of text.
#[derive(Debug, PartialEq, Eq)]
pub struct ValueHit {
    /// Byte offset in the line.
    pub offset: usize,
    /// What it is, with the value quoted.
    pub what: String,
}

/// Finds run-scoped keys and values in committed generated files (ART005, ART010).
pub struct ValueScanner {
    /// A run-scoped key written as a key in text (`"run_id":`, `run_id =`).
    keys: Option<Regex>,
    /// A measurement key written with a number (`duration_ms = 1234.5`).
    measured: Option<Regex>,
    run_scoped_keys: Vec<String>,
    measurement_keys: Vec<String>,
    machine_prefixes: Vec<String>,
    runtime_roots: Vec<String>,
}

/// `a|b|c` of the escaped `words`, or `None` when there are none.
fn alternatives(words: &[String]) -> Option<String> {
    let alts: Vec<String> = words
        .iter()
        .filter(|k| !k.is_empty())
        .map(|k| regex::escape(k))
        .collect();
    (!alts.is_empty()).then(|| alts.join("|"))
}

impl ValueScanner {
    pub fn new(cx: &CheckContext<'_>) -> ValueScanner {
        let a = &cx.contract.artifacts;
        // A key as written in JSON, YAML, TOML or `key=value`: quoted or bare, then `:`/`=`.
        let keys = alternatives(&a.run_scoped_keys)
            .and_then(|alts| re(&format!(r#"(?:^|[^A-Za-z0-9_])["']?({alts})["']?\s*[:=]"#)));
        let measured = alternatives(&a.measurement_keys).and_then(|alts| {
            re(&format!(
                r#"(?:^|[^A-Za-z0-9_])["']?({alts})["']?\s*[:=]\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(?:[,;}}\]]|$)"#
            ))
        });
        let runtime_roots = [&a.evidence_root, &a.artifacts_root]
            .iter()
            .map(|r| format!("{}/", r.trim_matches('/')))
            .filter(|r| r.len() > 1)
            .collect();
        ValueScanner {
            keys,
            measured,
            run_scoped_keys: a.run_scoped_keys.clone(),
            measurement_keys: a.measurement_keys.clone(),
            machine_prefixes: a.machine_path_prefixes.clone(),
            runtime_roots,
        }
    }

    /// What makes the document key `key` run-scoped, given its value: any value of a
    /// run-scoped key; a number (`number`, its text) for a measurement key. A measurement
    /// key with text (`"duration": "30s"`) is configuration.
    pub fn key(&self, key: &str, number: Option<&str>) -> Option<String> {
        if self.run_scoped_keys.iter().any(|k| k == key) {
            return Some(format!("run-scoped key `{key}`"));
        }
        match number {
            Some(n) if self.measurement_keys.iter().any(|k| k == key) => {
                Some(format!("measured `{key}` (`{n}`)"))
            }
            _ => None,
        }
    }

    /// The first run-scoped key or value in a line of text, if any.
    pub fn scan(&self, line: &str) -> Option<ValueHit> {
        let mut hits = Vec::new();
        if let Some(c) = self.keys.as_ref().and_then(|r| r.captures(line))
            && let Some(m) = c.get(1)
        {
            hits.push(ValueHit {
                offset: m.start(),
                what: format!("run-scoped key `{}`", m.as_str()),
            });
        }
        if let Some(c) = self.measured.as_ref().and_then(|r| r.captures(line))
            && let (Some(k), Some(n)) = (c.get(1), c.get(2))
        {
            hits.push(ValueHit {
                offset: k.start(),
                what: format!("measured `{}` (`{}`)", k.as_str(), n.as_str()),
            });
        }
        hits.extend(self.scan_value(line));
        hits.into_iter().min_by_key(|h| h.offset)
    }

    /// The first run-scoped value in a string: a timestamp, a machine path, a run output
    /// path.
    pub fn scan_value(&self, line: &str) -> Option<ValueHit> {
        let mut hits = Vec::new();
        if let Some(m) = ISO_DATETIME.as_ref().and_then(|r| r.find(line)) {
            hits.push(ValueHit {
                offset: m.start(),
                what: format!("timestamp `{}`", m.as_str()),
            });
        }
        if let Some(m) = COMPACT_TIMESTAMP
            .as_ref()
            .and_then(|r| r.captures(line))
            .and_then(|c| c.get(1))
        {
            hits.push(ValueHit {
                offset: m.start(),
                what: format!("timestamp `{}`", m.as_str()),
            });
        }
        for prefix in &self.machine_prefixes {
            if let Some(i) = line.find(prefix.as_str()) {
                hits.push(ValueHit {
                    offset: i,
                    what: format!("absolute path `{}`", token_at(line, i)),
                });
            }
        }
        for root in &self.runtime_roots {
            if let Some(i) = find_path_below(line, root) {
                hits.push(ValueHit {
                    offset: i,
                    what: format!("run output path `{}`", token_at(line, i)),
                });
            }
        }
        hits.into_iter().min_by_key(|h| h.offset)
    }
}

/// Why a JSON/YAML document is the record of one run, judged by its top-level keys: a
/// run-scoped key (`run_id`, `started_at`), or a measurement key with a number
/// (`"duration_ms": 31877.2`). `None` for anything else (a static list, a config).
pub fn run_record(document: &serde_json::Value, a: &ArtifactsConfig) -> Option<String> {
    let object = document.as_object()?;
    if let Some(k) = a
        .run_scoped_keys
        .iter()
        .find(|k| object.contains_key(k.as_str()))
    {
        return Some(format!("run-scoped key `{k}`"));
    }
    a.measurement_keys
        .iter()
        .find(|k| {
            object
                .get(k.as_str())
                .is_some_and(serde_json::Value::is_number)
        })
        .map(|k| format!("measured `{k}`"))
}

/// Where `root` (`artifacts/evidence/`) starts a path to something below it, as a whole
/// path component (not `xartifacts/evidence/`), followed by a name.
fn find_path_below(line: &str, root: &str) -> Option<usize> {
    line.match_indices(root).map(|(i, _)| i).find(|&i| {
        let before_ok = i == 0
            || !line[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        let after = &line[i + root.len()..];
        before_ok
            && after
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The path-like token that starts at `i`, for quoting.
fn token_at(line: &str, i: usize) -> &str {
    let rest = &line[i..];
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ')' | ']' | '}' | '`'))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn names() {
        assert!(
            run_scoped_name("atlas-ops-20260219-175720")
                .unwrap()
                .contains("20260219-175720")
        );
        assert!(
            run_scoped_name("smoke-2024-05-01.json")
                .unwrap()
                .contains("2024-05-01")
        );
        assert!(run_scoped_name("run-3f2a9c1e").unwrap().contains("run id"));
        assert!(
            run_scoped_name("report-1714564800.json")
                .unwrap()
                .contains("epoch")
        );
        assert_eq!(run_scoped_name("domains.json"), None);
        assert_eq!(run_scoped_name("runbook.md"), None);
        assert_eq!(run_scoped_name("v1.2.3"), None);
        // Timestamps are ASCII digits; other scripts' digits do not make one.
        assert_eq!(run_scoped_name("report-20\u{662}\u{664}0501.json"), None);
        assert!(run_scoped_name("run_42").unwrap().contains("run_42"));
    }

    #[test]
    fn values() {
        let repo = TestRepo::new();
        let cx = repo.context();
        let s = ValueScanner::new(&cx.cx());
        let hit = |l: &str| s.scan(l).map(|h| h.what);
        assert_eq!(
            hit(r#"  "generated_at": "x","#).unwrap(),
            "run-scoped key `generated_at`"
        );
        assert_eq!(
            hit(r#"  "at": "2024-05-01T12:00:00Z""#).unwrap(),
            "timestamp `2024-05-01T12:00:00Z`"
        );
        assert_eq!(
            hit("built at 2024-05-01 12:00").unwrap(),
            "timestamp `2024-05-01 12:00`"
        );
        assert_eq!(
            hit(r#""dir": "/home/ci/atlas""#).unwrap(),
            "absolute path `/home/ci/atlas`"
        );
        assert_eq!(
            hit("see artifacts/evidence/r1/x.json").unwrap(),
            "run output path `artifacts/evidence/r1/x.json`"
        );
        assert_eq!(
            hit("id: atlas-ops-20260219-175720").unwrap(),
            "timestamp `20260219-175720`"
        );
        assert_eq!(
            hit(r#""duration_ms": 1234.5,"#).unwrap(),
            "measured `duration_ms` (`1234.5`)"
        );
        assert_eq!(hit(r#""duration": "30s","#), None);
        assert_eq!(
            hit("duration = 30"),
            Some("measured `duration` (`30`)".into())
        );
        assert_eq!(hit(r#""release": "2024-05-01""#), None);
        assert_eq!(hit(r#""runtime": "python""#), None);
        assert_eq!(hit("evidence goes to artifacts/evidence/"), None);
    }
}
