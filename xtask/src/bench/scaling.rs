//! `--scaling`: does the cost grow linearly with the input?
//!
//! - Files: the generated tree at 1x and 4x the files; the growth (paired medians) must stay
//!   at most 4.5x.
//! - Each input dimension a rule iterates over ([`Dimension`]): the fixture alone (the base),
//!   with 1x items and with 10x items, all rules on. The whole-process time includes a fixed
//!   cost (the walk of the fixture, git, startup) that would hide a superlinear rule, so the
//!   growth judged is the *marginal* one, `(t10x - base) / (t1x - base)`; 10x the items must
//!   cost at most 11x. A dimension whose 1x items cost less than the noise of the base
//!   cannot be judged that way and says so, with the raw growth `t10x / t1x` beside it.

use std::fmt::Write as _;
use std::path::Path;

use super::dims::{self, Dimension};
use super::measure::{Cmd, Sample, Summary, median, paired_ratio, rounds, walls};
use super::tree::{self, Fixture};

/// The limit on 4x the files.
pub const FILES_LIMIT: f64 = 4.5;
/// The limit on 10x the items of a dimension.
pub const DIM_LIMIT: f64 = 11.0;

/// One dimension's figures (wall medians, seconds).
#[derive(Clone, Debug)]
pub struct DimRow {
    pub name: &'static str,
    pub sizes: (usize, usize),
    pub base: Summary,
    pub small: Summary,
    pub large: Summary,
    /// `large / small`, pair by pair.
    pub raw_growth: f64,
    /// `(large - base) / (small - base)`, of wall medians; `None` when `small - base` is
    /// within the base's own spread.
    pub marginal_growth: Option<f64>,
    /// The same of CPU (user + system) medians, shown beside the wall figure and not
    /// judged: where the two differ, the growth is in how the work spreads over the cores
    /// (or in page faults, which count as system time), not in the work.
    pub marginal_cpu: Option<f64>,
}

impl DimRow {
    /// `Some(true)` when 10x the items cost more than 11x; `None` when it cannot be told.
    pub fn superlinear(&self) -> Option<bool> {
        if self.raw_growth > DIM_LIMIT {
            return Some(true);
        }
        self.marginal_growth.map(|g| g > DIM_LIMIT)
    }
}

/// The files row: 1x and 4x trees.
#[derive(Clone, Debug)]
pub struct FilesRow {
    pub files: (usize, usize),
    pub small: Summary,
    pub large: Summary,
    pub growth: f64,
}

/// Measures the 1x and 4x trees. `check` builds the ops-check command for a tree root.
pub fn files(
    workspace: &Path,
    fixture: &Fixture,
    files: usize,
    runs: usize,
    regenerate: bool,
    check: &dyn Fn(&Path) -> Cmd,
) -> Result<FilesRow, String> {
    let small = tree::generate(workspace, fixture, files, regenerate)?;
    let large = tree::generate(workspace, fixture, files * 4, regenerate)?;
    let mut a = check(&small.root);
    a.label = format!("ops-check {} files", small.files);
    let mut b = check(&large.root);
    b.label = format!("ops-check {} files", large.files);
    let s = rounds(&[&a, &b], runs, 1)?;
    Ok(FilesRow {
        files: (small.files, large.files),
        small: Summary::of(&s[0]),
        large: Summary::of(&s[1]),
        growth: paired_ratio(&walls(&s[1]), &walls(&s[0])),
    })
}

/// Measures every dimension against the shared base tree.
pub fn dimensions(
    workspace: &Path,
    fixture: &Fixture,
    runs: usize,
    regenerate: bool,
    check: &dyn Fn(&Path) -> Cmd,
) -> Result<Vec<DimRow>, String> {
    let base_tree = dims::base_tree(workspace, fixture, regenerate)?;
    let mut rows = Vec::new();
    for dim in Dimension::ALL {
        let (n1, n10) = dim.sizes();
        let t1 = dims::dim_tree(workspace, fixture, dim, n1, regenerate)?;
        let t10 = dims::dim_tree(workspace, fixture, dim, n10, regenerate)?;
        let mut base = check(&base_tree.root);
        base.label = "base".into();
        let mut small = check(&t1.root);
        small.label = format!("{n1} {}", dim.name());
        let mut large = check(&t10.root);
        large.label = format!("{n10} {}", dim.name());
        let s = rounds(&[&base, &small, &large], runs, 1)?;
        let (b, s1, s10) = (Summary::of(&s[0]), Summary::of(&s[1]), Summary::of(&s[2]));
        // Judged only when the 1x items cost more than the base's spread (the median
        // distance of its runs from their median) three times over.
        let marginal = |sample: fn(&Sample) -> f64, summary: fn(&Summary) -> f64| {
            let spread = median(s[0].iter().map(|x| (sample(x) - summary(&b)).abs()));
            let added_small = summary(&s1) - summary(&b);
            (added_small > (3.0 * spread).max(0.005))
                .then(|| (summary(&s10) - summary(&b)) / added_small)
        };
        rows.push(DimRow {
            name: dim.name(),
            sizes: (n1, n10),
            base: b,
            small: s1,
            large: s10,
            raw_growth: paired_ratio(&walls(&s[2]), &walls(&s[1])),
            marginal_growth: marginal(|x| x.wall_s, |x| x.wall_s),
            marginal_cpu: marginal(Sample::cpu_s, |x| x.cpu_s),
        });
    }
    Ok(rows)
}

/// The scaling tables.
pub fn table(files: Option<&FilesRow>, dims: &[DimRow]) -> String {
    let mut out = String::new();
    if let Some(f) = files {
        let verdict = if f.growth <= FILES_LIMIT {
            "linear"
        } else {
            "SUPERLINEAR"
        };
        let _ = writeln!(
            out,
            "scaling, files: {} -> {} files ({:.1}x): {:.3} s -> {:.3} s wall, growth {:.2}x (limit {FILES_LIMIT}x): {verdict}",
            f.files.0,
            f.files.1,
            f.files.1 as f64 / f.files.0.max(1) as f64,
            f.small.wall_s,
            f.large.wall_s,
            f.growth
        );
        let _ = writeln!(
            out,
            "  peak RSS {:.1} MiB -> {:.1} MiB; cpu {:.3} s -> {:.3} s",
            f.small.peak_rss_mib(),
            f.large.peak_rss_mib(),
            f.small.cpu_s,
            f.large.cpu_s
        );
    }
    if dims.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "scaling, input dimensions (all rules, wall medians; marginal = (t10x - base) / (t1x - base), limit {DIM_LIMIT}x; cpu marg = the same of CPU time, not judged):"
    );
    let _ = writeln!(
        out,
        "{:<18} {:>15} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9}  verdict",
        "dimension", "items", "base s", "1x s", "10x s", "raw", "marginal", "cpu marg"
    );
    for d in dims {
        let shown = |g: Option<f64>| g.map_or_else(|| "n/a".to_string(), |g| format!("{g:.1}x"));
        let verdict = match d.superlinear() {
            Some(true) => "SUPERLINEAR",
            Some(false) => "linear",
            None => "1x items within noise",
        };
        let _ = writeln!(
            out,
            "{:<18} {:>15} {:>8.3} {:>8.3} {:>8.3} {:>7.1}x {:>9} {:>9}  {verdict}",
            d.name,
            format!("{}/{}", d.sizes.0, d.sizes.1),
            d.base.wall_s,
            d.small.wall_s,
            d.large.wall_s,
            d.raw_growth,
            shown(d.marginal_growth),
            shown(d.marginal_cpu)
        );
    }
    if let Some(d) = dims.iter().find(|d| d.name == "entrypoints") {
        let _ = writeln!(
            out,
            "a surface of {} entrypoints: {:.3} s over the base tree ({:.3} s in all)",
            d.sizes.1,
            d.large.wall_s - d.base.wall_s,
            d.large.wall_s
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(raw: f64, marginal: Option<f64>) -> DimRow {
        DimRow {
            name: "x",
            sizes: (1, 10),
            base: Summary::default(),
            small: Summary::default(),
            large: Summary::default(),
            raw_growth: raw,
            marginal_growth: marginal,
            marginal_cpu: None,
        }
    }

    #[test]
    fn verdicts() {
        assert_eq!(row(2.0, Some(9.5)).superlinear(), Some(false));
        assert_eq!(row(2.0, Some(30.0)).superlinear(), Some(true));
        assert_eq!(row(12.0, None).superlinear(), Some(true));
        assert_eq!(row(1.1, None).superlinear(), None);
    }
}
