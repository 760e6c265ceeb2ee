//! The main figures: a table for people, one JSON line for machines.

use std::fmt::Write as _;

use super::measure::Summary;
use super::tree::Tree;

/// The targets of the performance issue, printed beside the figures.
pub const RATIO_TARGET: f64 = 2.5;
pub const ALINT_TARGET: f64 = 1.0;
pub const RSS_TARGET_MIB: f64 = 200.0;

/// The paired run of ops-check, the floor and alint.
#[derive(Debug)]
pub struct Main<'a> {
    pub tree: &'a Tree,
    pub runs: usize,
    pub check: Summary,
    pub floor: Summary,
    pub alint: Option<Summary>,
    /// ops-check / floor, wall, pair by pair.
    pub ratio: f64,
    /// ops-check / alint, wall, pair by pair.
    pub alint_ratio: Option<f64>,
    /// `--vs-alint` was given (so a missing alint is worth a line).
    pub alint_wanted: bool,
}

fn meets(value: f64, target: f64) -> &'static str {
    if value <= target { "met" } else { "missed" }
}

/// The table for people.
pub fn human(m: &Main<'_>, load_before: &str, load_after: &str) -> String {
    let mut out = String::new();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let _ = writeln!(
        out,
        "tree     {} ({} files, {:.1} MB)",
        m.tree.root.display(),
        m.tree.files,
        m.tree.bytes as f64 / 1e6
    );
    let _ = writeln!(
        out,
        "machine  {cores} cores; load average {load_before} before, {load_after} after"
    );
    let order = if m.alint.is_some() {
        "ops-check, floor, alint"
    } else {
        "ops-check, floor"
    };
    let _ = writeln!(
        out,
        "runs     {} rounds after 1 warm-up, in turn: {order}; medians\n",
        m.runs
    );
    let _ = writeln!(
        out,
        "{:<10} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "command", "wall s", "user s", "sys s", "cpu s", "peak MiB"
    );
    let mut row = |name: &str, s: &Summary| {
        let _ = writeln!(
            out,
            "{name:<10} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>9.1}",
            s.wall_s,
            s.user_s,
            s.sys_s,
            s.cpu_s,
            s.peak_rss_mib()
        );
    };
    row("ops-check", &m.check);
    row("floor", &m.floor);
    if let Some(a) = &m.alint {
        row("alint", a);
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "ops-check / floor  {:>6.2}x wall  (target <= {RATIO_TARGET}x: {})",
        m.ratio,
        meets(m.ratio, RATIO_TARGET)
    );
    match m.alint_ratio {
        Some(r) => {
            let _ = writeln!(
                out,
                "ops-check / alint  {r:>6.2}x wall  (target <= {ALINT_TARGET}x: {})",
                meets(r, ALINT_TARGET)
            );
        }
        None if m.alint_wanted => {
            let _ = writeln!(out, "ops-check / alint  not measured (alint is missing)");
        }
        None => {}
    }
    let rss = m.check.peak_rss_mib();
    let _ = writeln!(
        out,
        "peak RSS           {rss:>6.1} MiB  (target <= {RSS_TARGET_MIB} MiB: {})",
        meets(rss, RSS_TARGET_MIB)
    );
    out
}

/// `{"files", "check_median_s", "walk_median_s", "ratio", "peak_rss_mb", "alint_median_s",
/// "alint_ratio"}` on one line, in that order; `null` where not measured. Seconds are wall
/// medians; `peak_rss_mb` is MiB.
pub fn json_line(m: &Main<'_>) -> String {
    let num = |v: Option<f64>, places: usize| match v {
        Some(x) if x.is_finite() => format!("{x:.places$}"),
        _ => "null".to_string(),
    };
    format!(
        "{{\"files\": {}, \"check_median_s\": {}, \"walk_median_s\": {}, \"ratio\": {}, \"peak_rss_mb\": {}, \"alint_median_s\": {}, \"alint_ratio\": {}}}",
        m.tree.files,
        num(Some(m.check.wall_s), 4),
        num(Some(m.floor.wall_s), 4),
        num(Some(m.ratio), 3),
        num(Some(m.check.peak_rss_mib()), 1),
        num(m.alint.map(|a| a.wall_s), 4),
        num(m.alint_ratio, 3),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_json_line_has_every_key_and_nulls() {
        let tree = Tree {
            root: "t".into(),
            files: 100,
            bytes: 1,
        };
        let s = |w| Summary {
            wall_s: w,
            peak_rss_kib: 2048,
            ..Summary::default()
        };
        let m = Main {
            tree: &tree,
            runs: 1,
            check: s(2.0),
            floor: s(0.5),
            alint: None,
            ratio: 4.0,
            alint_ratio: None,
            alint_wanted: true,
        };
        let line = json_line(&m);
        assert!(!line.contains('\n'));
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["files"], 100);
        assert_eq!(v["ratio"], 4.0);
        assert_eq!(v["peak_rss_mb"], 2.0);
        assert!(v["alint_median_s"].is_null() && v["alint_ratio"].is_null());
        let keys: Vec<&str> = line
            .split('"')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, k)| k)
            .collect();
        assert_eq!(
            keys,
            [
                "files",
                "check_median_s",
                "walk_median_s",
                "ratio",
                "peak_rss_mb",
                "alint_median_s",
                "alint_ratio"
            ]
        );
        assert!(human(&m, "1", "2").contains("alint is missing"));
    }
}
