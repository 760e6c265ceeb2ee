//! ART010: committed generated outputs carry no run-scoped values.

use ops_model::text::{line_column, numbered_lines};
use ops_model::{
    CheckContext, FileInfo, FileKind, Finding, RepoPath, Rule, RuleMeta, ScanOutput, SourceFile,
    Span, declare_rule,
};
use ops_syntax::parsed;
use ops_syntax::yaml::{Node, NodeKind, ScalarValue};

use crate::generated::run_scoped::ValueScanner;
use crate::notes;

declare_rule! {
    /// Run ids, timestamps, durations, machine paths or evidence paths in
    /// `ops/_generated_committed/`.
    pub NondeterministicGenerated {
        code: "ART010",
        slug: "nondeterministic-generated",
        clause: "Deterministic generated outputs under `ops/_generated_committed/` only.",
        severity: Error,
        summary: "files in ops/_generated_committed/ carry no run ids, timestamps, durations, absolute or evidence paths",
        budgets: ["yaml"],
        explanation: r#"## What

Reads every text file in `ops/_generated_committed/` and reports, line by line, the first
run-scoped value on the line:

- a run-scoped key (`run_id`, `generated_at`, `timestamp`, `started_at`, `elapsed`, `took`,
  ...), whatever its value;
- a measurement key (`duration`, `duration_ms`, ...) whose value is a number
  (`"duration_ms": 1234.5`): what one run measured;
- an ISO-8601 date-time (`2024-05-01T12:00:00Z`, `2024-05-01 12:00`) or a compact run
  timestamp (`20240501-120000`); a plain date (`2024-05-01`, a release date) is allowed;
- an absolute path that only exists on one machine or runner (`/home/`, `/Users/`, `/tmp/`,
  `/github/workspace`, `C:\`, ...);
- a path to a run output (`artifacts/evidence/<...>`, `ops/_artifacts/<...>`).

JSON and YAML files are read as documents (keys and string values, with the YAML reader);
other text files line by line, where a key is `key: value` or `key = value`. One kind of
value repeated in a file (a `generated_at` in every record, a timestamp in every row) is one
finding at its first line, with the count and the first lines: one problem, one finding.

## Why

Regenerating a deterministic output from the same inputs must give the same bytes: that is
what makes drift checks and reviews meaningful. A committed file with run values is
evidence in disguise, and changes on every run.

## Fix

Drop the value from the generator's output (sort, omit times, make paths repo-relative), or,
if the file is a run result, write it to `artifacts/evidence/` instead.

## Heuristics

A configured duration is not a measurement: `"duration": "30s"` in a suite index (text
with a unit, copied from the suite definition) is the same on every run, while
`"duration_ms": 1234.5` is what one run took. A top-level `"generated_by"` names the
generator and is fine. Binary and non-UTF-8 files are skipped; files over
`limits.max_file_size` are reported at `info` as not checked. The schema lock (`[schema]
schema_lock`) is skipped too: `ops-check gen` writes it deterministically from the schemas,
and the property names it copies from them (`duration`, `timestamp`) are data, not run values.

## Configuration

`[artifacts] generated_committed_dir`, `run_scoped_keys`, `measurement_keys`,
`machine_path_prefixes`, `evidence_root`, `artifacts_root`.
"#,
    }
}

impl Rule for NondeterministicGenerated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let dir = &cx.contract.artifacts.generated_committed_dir;
        // The schema lock is written deterministically by `ops-check gen`; the property
        // names it copies from schemas (`duration`, `timestamp`) are data, not run values.
        !RepoPath::normal_text(dir).is_empty()
            && file.path().starts_with(dir)
            && file.path().as_str() != RepoPath::normal_text(&cx.contract.schema.schema_lock)
    }

    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let path = file.path();
        let Some(text) = notes::text_of(file) else {
            return;
        };
        let scanner = cx.shared.get_or_init(|| ValueScanner::new(cx));
        // The file's shared YAML parse (JSON is YAML 1.2, so JSON gets positions the same way).
        let yaml = match file.kind() {
            FileKind::Json | FileKind::Yaml => parsed::yaml(file).ok(),
            _ => None,
        };
        let documents = yaml.as_ref().and_then(|y| y.0.as_ref().ok());
        let mut hits: Vec<(Span, String)> = match documents {
            Some(docs) => {
                let mut hits = Vec::new();
                for doc in docs {
                    document_hits(&scanner, &doc.root, &mut hits);
                }
                hits
            }
            None => numbered_lines(text)
                .filter_map(|(n, line)| {
                    let hit = scanner.scan(line)?;
                    Some((Span::new(n, line_column(line, hit.offset).1), hit.what))
                })
                .collect(),
        };
        // The first value of each line: one edit per line fixes it.
        hits.sort();
        hits.dedup_by_key(|(span, _)| span.line);
        // One problem, one finding: the same kind of value on several lines (a `generated_at`
        // in every record, a timestamp per row) is one finding at its first line, with the
        // count and the first lines.
        let mut groups: Vec<(&str, Span, &str, Vec<u32>)> = Vec::new();
        for (span, what) in &hits {
            let kind = kind_of(what);
            match groups.iter_mut().find(|g| g.0 == kind) {
                Some(g) => g.3.push(span.line),
                None => groups.push((kind, *span, what, vec![span.line])),
            }
        }
        for (_, span, what, lines) in groups {
            out.push(
                Finding::new(
                    &Self::META,
                    path.clone(),
                    format!("{what} in a committed generated file{}", occurrences(&lines)),
                )
                .at(span)
                .help(
                    "make the generator's output deterministic (no run ids, times, measurements, machine or run paths), or write run results to artifacts/evidence/",
                ),
            );
        }
    }

    fn check(&self, _cx: &CheckContext<'_>) -> Vec<Finding> {
        Vec::new()
    }
}

/// The kind of a hit, for grouping: the key for keys (`run-scoped key `run_id``, `measured
/// `duration_ms``), the kind of value for values (`timestamp`, `absolute path`, `run output
/// path`), whatever the value is.
fn kind_of(what: &str) -> &str {
    if what.starts_with("run-scoped key ") {
        what
    } else if what.starts_with("measured ") {
        what.split(" (").next().unwrap_or(what)
    } else {
        what.split(" `").next().unwrap_or(what)
    }
}

/// ` (4 occurrences: lines 3, 8, 15 and 1 more)` for several lines, nothing for one (the form
/// of the engine's merged findings, `ops_model::merge_repeats`).
fn occurrences(lines: &[u32]) -> String {
    const SHOWN: usize = 3;
    if lines.len() < 2 {
        return String::new();
    }
    let shown: Vec<String> = lines.iter().take(SHOWN).map(u32::to_string).collect();
    let more = match lines.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!(
        " ({} occurrences: lines {}{more})",
        lines.len(),
        shown.join(", ")
    )
}

/// The run-scoped keys and string values of a YAML/JSON node tree, with positions.
fn document_hits(scanner: &ValueScanner, node: &Node, hits: &mut Vec<(Span, String)>) {
    match &node.kind {
        NodeKind::Mapping(entries) => {
            for e in entries {
                if let Some(key) = e.key.as_str()
                    && let Some(what) = scanner.key(key, number(&e.value).as_deref())
                {
                    hits.push((e.key.span, what));
                }
                document_hits(scanner, &e.value, hits);
            }
        }
        NodeKind::Sequence(items) => {
            for item in items {
                document_hits(scanner, item, hits);
            }
        }
        NodeKind::Scalar(s) if s.value == ScalarValue::Str => {
            if let Some(hit) = scanner.scan_value(&s.text) {
                hits.push((s.span_at(hit.offset), hit.what));
            }
        }
        NodeKind::Scalar(_) | NodeKind::Unknown => {}
    }
}

/// The text of a number: an integer or float scalar, or a string that is one.
fn number(node: &Node) -> Option<String> {
    let s = node.as_scalar()?;
    match s.value {
        ScalarValue::Int(_) | ScalarValue::Float(_) => Some(s.text.clone()),
        ScalarValue::Str if s.text.trim().parse::<f64>().is_ok() => Some(s.text.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn deterministic_outputs_are_clean() {
        let repo = TestRepo::new()
            .file(
                "ops/_generated_committed/surface-index.json",
                "{\n  \"entrypoints\": [\"ops-up\"],\n  \"since\": \"2024-05-01\"\n}\n",
            )
            .file(
                "ops/_generated_committed/INDEX.md",
                "# generated\nEvidence goes to artifacts/evidence/.\n",
            )
            .bytes("ops/_generated_committed/logo.png", &[0x89, 0xff]);
        assert_eq!(
            repo.context().run_lines(&NondeterministicGenerated),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_schema_lock_is_not_scanned() {
        let repo = TestRepo::new().file(
            "ops/_generated_committed/schema-lock.json",
            "{\n  \"schema\": {\"properties\": {\n    \"duration\": {\"type\": \"string\"}\n  }}\n}\n",
        );
        assert_eq!(
            repo.context().run_lines(&NondeterministicGenerated),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reports_run_scoped_values_with_positions() {
        let repo = TestRepo::new().file(
            "ops/_generated_committed/report.json",
            "{\n  \"generated_at\": \"2024-05-01T12:00:00Z\",\n  \"log\": \"artifacts/evidence/r1/log.txt\",\n  \"cwd\": \"/home/ci/atlas\"\n}\n",
        );
        let findings = repo.context().run(&NondeterministicGenerated);
        let lines: Vec<_> = findings
            .iter()
            .map(|f| format!("{:?} {}", f.span.map(|s| (s.line, s.column)), f.message))
            .collect();
        assert_eq!(
            lines,
            [
                "Some((2, 3)) run-scoped key `generated_at` in a committed generated file",
                "Some((3, 11)) run output path `artifacts/evidence/r1/log.txt` in a committed generated file",
                "Some((4, 11)) absolute path `/home/ci/atlas` in a committed generated file",
            ]
        );
    }

    #[test]
    fn repeated_values_of_one_kind_are_one_finding() {
        let rows: String = (0..5)
            .map(|i| format!("  {{\"suite\": \"s{i}\", \"at\": \"2024-05-0{}T12:00:00Z\", \"generated_at\": \"x\"}},\n", i + 1))
            .collect();
        let repo = TestRepo::new().file(
            "ops/_generated_committed/runs.json",
            &format!("[\n{rows}  {{}}\n]\n"),
        );
        assert_eq!(
            repo.context().run_lines(&NondeterministicGenerated),
            [
                "ops/_generated_committed/runs.json: timestamp `2024-05-01T12:00:00Z` in a committed generated file (5 occurrences: lines 2, 3, 4 and 2 more)"
            ]
        );
    }

    #[test]
    fn configured_durations_are_not_measurements() {
        let repo = TestRepo::new()
            .file(
                "ops/_generated_committed/suite-index.json",
                "{\n  \"generated_by\": \"atlasctl ops load index\",\n  \"suites\": [\n    {\"name\": \"smoke\", \"duration\": \"30s\"},\n    {\"name\": \"soak\", \"duration\": \"2h\"}\n  ]\n}\n",
            )
            .file(
                "ops/_generated_committed/baseline-snapshot.json",
                "{\n  \"calibration\": {\n    \"suite\": \"smoke\",\n    \"duration_ms\": 1234.5\n  },\n  \"took\": \"31s\"\n}\n",
            )
            .file(
                "ops/_generated_committed/suites.md",
                "| suite | duration |\n|---|---|\n| smoke | 30s |\n\nelapsed: 12\n",
            );
        assert_eq!(
            repo.context().run_lines(&NondeterministicGenerated),
            [
                "ops/_generated_committed/baseline-snapshot.json: measured `duration_ms` (`1234.5`) in a committed generated file",
                "ops/_generated_committed/baseline-snapshot.json: run-scoped key `took` in a committed generated file",
                "ops/_generated_committed/suites.md: run-scoped key `elapsed` in a committed generated file",
            ]
        );
    }

    /// Not read, and left to the engine's OPS006 file-not-read.
    #[test]
    fn oversized_files_are_left_to_the_engine() {
        let mut contract = ops_model::Contract::default();
        contract.limits.max_file_size = 4;
        let repo = TestRepo::new().file("ops/_generated_committed/big.json", "0123456789");
        assert!(
            repo.context_with(contract)
                .run(&NondeterministicGenerated)
                .is_empty()
        );
    }
}
