//! `--per-rule`: each rule's CPU time inside one full run, as ops-check's hidden
//! `check --timings FILE` measures it (the thread CPU clock around the rule's `wants`,
//! `scan_file` and `check` calls, summed over threads; a file read or parse that several rules
//! share is charged to the rule that asked first). Medians over `--rule-runs` runs, slowest
//! first, with the whole run's CPU and the floor's beside them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use super::measure::{Cmd, Summary, measure, median};

/// One rule's figures.
#[derive(Clone, Debug)]
pub struct RuleRow {
    pub code: String,
    pub slug: &'static str,
    /// Median CPU seconds.
    pub cpu_s: f64,
}

/// What `--per-rule` measured.
#[derive(Clone, Debug)]
pub struct PerRule {
    /// Slowest first.
    pub rows: Vec<RuleRow>,
    /// The timed runs as whole processes (the timing itself costs a little).
    pub whole: Summary,
}

/// Runs `check` (the full ops-check command) `runs` times with `--timings`, writing the
/// timings to a file under `scratch`.
pub fn measure_rules(check: &Cmd, runs: usize, scratch: &Path) -> Result<PerRule, String> {
    std::fs::create_dir_all(scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let file = scratch.join("timings.tsv");
    let mut cmd = check.clone().arg("--timings").arg(&file);
    cmd.label = "ops-check --timings".into();
    let mut per_code: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut samples = Vec::with_capacity(runs);
    eprint!("bench: per rule ({runs} timed runs) ");
    for _ in 0..runs {
        let _ = std::fs::remove_file(&file);
        samples.push(measure(&cmd)?);
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("ops-check wrote no timings to {}: {e}", file.display()))?;
        for (code, secs) in parse(&text)? {
            per_code.entry(code).or_default().push(secs);
        }
        eprint!(".");
    }
    eprintln!();
    // The suppression-comment scan runs as a rule and is timed under its diagnostic's code
    // (OPS004), which is not in the rule list.
    let mut metas = ops_check::registry::all_metas();
    metas.extend(ops_check::registry::ENGINE_DIAGNOSTICS.iter().copied());
    let mut rows: Vec<RuleRow> = per_code
        .into_iter()
        .map(|(code, secs)| RuleRow {
            slug: metas
                .iter()
                .find(|m| m.code == code)
                .map_or("?", |m| m.slug),
            code,
            cpu_s: median(secs),
        })
        .collect();
    rows.sort_by(|a, b| b.cpu_s.total_cmp(&a.cpu_s).then(a.code.cmp(&b.code)));
    Ok(PerRule {
        rows,
        whole: Summary::of(&samples),
    })
}

/// Parses `CODE<TAB>SECONDS` lines.
fn parse(text: &str) -> Result<Vec<(String, f64)>, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (code, secs) = line
                .split_once('\t')
                .ok_or_else(|| format!("unexpected timings line `{line}`"))?;
            let secs = secs
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("unexpected timings line `{line}`"))?;
            Ok((code.to_string(), secs))
        })
        .collect()
}

/// The table, slowest first, with the whole run's and the floor's CPU for comparison.
pub fn table(per_rule: &PerRule, floor: &Summary, runs: usize) -> String {
    let mut out = String::new();
    let total: f64 = per_rule.rows.iter().map(|r| r.cpu_s).sum();
    let _ = writeln!(
        out,
        "per rule: CPU seconds inside one full run (`check --timings`), median of {runs}, slowest first"
    );
    let _ = writeln!(
        out,
        "whole run: {:.3} s cpu, {:.3} s wall, {:.1} MiB peak; rules {:.3} s cpu; floor {:.3} s cpu",
        per_rule.whole.cpu_s,
        per_rule.whole.wall_s,
        per_rule.whole.peak_rss_mib(),
        total,
        floor.cpu_s
    );
    let _ = writeln!(
        out,
        "{:<8} {:<36} {:>8} {:>7}",
        "rule", "slug", "cpu s", "share"
    );
    for r in &per_rule.rows {
        let _ = writeln!(
            out,
            "{:<8} {:<36} {:>8.3} {:>6.1}%",
            r.code,
            r.slug,
            r.cpu_s,
            100.0 * r.cpu_s / total.max(1e-9)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_timings_lines() {
        let rows = parse("ART001\t0.250000\nSCH004\t1.5\n\n").unwrap();
        assert_eq!(rows, [("ART001".into(), 0.25), ("SCH004".into(), 1.5)]);
        assert!(parse("ART001 x").is_err());
        assert!(parse("ART001\tx").is_err());
    }

    #[test]
    fn the_table_is_slowest_first_with_shares() {
        let p = PerRule {
            rows: vec![
                RuleRow {
                    code: "B".into(),
                    slug: "b",
                    cpu_s: 3.0,
                },
                RuleRow {
                    code: "A".into(),
                    slug: "a",
                    cpu_s: 1.0,
                },
            ],
            whole: Summary::default(),
        };
        let t = table(&p, &Summary::default(), 3);
        assert!(t.contains("75.0%"));
        assert!(t.find("\nB ").unwrap() < t.find("\nA ").unwrap());
    }
}
