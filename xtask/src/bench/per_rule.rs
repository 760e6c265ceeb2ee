//! `--per-rule`: each rule alone (`ops-check check --select CODE`), its CPU time raw (the
//! walk, git facts and report of the process included), slowest first, the floor beside it.

use std::fmt::Write as _;

use super::measure::{Cmd, Summary, rounds};

/// One rule's figures.
#[derive(Clone, Debug)]
pub struct RuleRow {
    pub code: &'static str,
    pub slug: &'static str,
    pub summary: Summary,
}

/// Runs every rule `runs` times, rules in turn within each round. `check` is the full
/// ops-check command; `--select CODE` is appended.
pub fn measure_rules(check: &Cmd, runs: usize) -> Result<Vec<RuleRow>, String> {
    let metas = ops_check::registry::all_metas();
    let cmds: Vec<Cmd> = metas
        .iter()
        .map(|m| {
            let mut c = check.clone().arg("--select").arg(m.code);
            c.label = m.code.to_string();
            c
        })
        .collect();
    let refs: Vec<&Cmd> = cmds.iter().collect();
    let samples = rounds(&refs, runs, 0)?;
    let mut rows: Vec<RuleRow> = metas
        .iter()
        .zip(&samples)
        .map(|(m, s)| RuleRow {
            code: m.code,
            slug: m.slug,
            summary: Summary::of(s),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.summary
            .cpu_s
            .total_cmp(&a.summary.cpu_s)
            .then(a.code.cmp(b.code))
    });
    Ok(rows)
}

/// The table, slowest first, with the floor's CPU and wall for comparison.
pub fn table(rows: &[RuleRow], floor: &Summary, runs: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "per rule: `ops-check check --select CODE`, {runs} runs each, medians, slowest first"
    );
    let _ = writeln!(
        out,
        "{:<8} {:<32} {:>8} {:>8} {:>8} {:>9}",
        "rule", "slug", "cpu s", "x floor", "wall s", "peak MiB"
    );
    let _ = writeln!(
        out,
        "{:<8} {:<32} {:>8.3} {:>8} {:>8.3} {:>9.1}",
        "floor",
        "(reading walk)",
        floor.cpu_s,
        "1.0x",
        floor.wall_s,
        floor.peak_rss_mib()
    );
    for r in rows {
        let _ = writeln!(
            out,
            "{:<8} {:<32} {:>8.3} {:>7.1}x {:>8.3} {:>9.1}",
            r.code,
            r.slug,
            r.summary.cpu_s,
            r.summary.cpu_s / floor.cpu_s.max(1e-9),
            r.summary.wall_s,
            r.summary.peak_rss_mib()
        );
    }
    out
}
