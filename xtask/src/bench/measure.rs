//! Timing whole processes: each through `xtask bench-exec` (see [`super::exec`]), several
//! commands in turn (A B C A B C ...) so that a drift of the shared machine's speed hits
//! each alike, medians quoted.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// One finished run of a command, as the kernel accounted it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sample {
    /// Seconds from spawn to reaping.
    pub wall_s: f64,
    /// CPU seconds in user mode, all threads.
    pub user_s: f64,
    /// CPU seconds in the kernel, all threads.
    pub sys_s: f64,
    /// Peak resident set size, KiB.
    pub peak_rss_kib: u64,
    /// `None` when a signal ended it.
    pub exit_code: Option<i32>,
}

impl Sample {
    /// User plus system seconds.
    pub fn cpu_s(&self) -> f64 {
        self.user_s + self.sys_s
    }

    /// Parses the line `bench-exec` prints: `WALL USER SYS MAXRSS_KIB CODE`.
    pub fn parse(line: &str) -> Result<Sample, String> {
        let bad = || format!("unexpected bench-exec output `{}`", line.trim());
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [wall, user, sys, rss, code] = fields[..] else {
            return Err(bad());
        };
        let float = |s: &str| s.parse::<f64>().map_err(|_| bad());
        Ok(Sample {
            wall_s: float(wall)?,
            user_s: float(user)?,
            sys_s: float(sys)?,
            peak_rss_kib: rss.parse().map_err(|_| bad())?,
            exit_code: if code == "-" {
                None
            } else {
                Some(code.parse().map_err(|_| bad())?)
            },
        })
    }
}

/// A command to measure.
#[derive(Clone, Debug)]
pub struct Cmd {
    /// Shown in tables and progress.
    pub label: String,
    pub program: OsString,
    pub args: Vec<OsString>,
    pub cwd: Option<PathBuf>,
}

impl Cmd {
    pub fn new(label: &str, program: impl Into<OsString>) -> Cmd {
        Cmd {
            label: label.to_string(),
            program: program.into(),
            args: Vec::new(),
            cwd: None,
        }
    }

    pub fn arg(mut self, arg: impl Into<OsString>) -> Cmd {
        self.args.push(arg.into());
        self
    }

    pub fn cwd(mut self, dir: impl Into<PathBuf>) -> Cmd {
        self.cwd = Some(dir.into());
        self
    }
}

/// Runs `cmd` once under `bench-exec`. A run that could not start, or that the tool ended
/// with an exit code other than 0 or 1 (a usage or internal error, not findings), is an
/// error: its figures would not be the figures of a check.
pub fn measure(cmd: &Cmd) -> Result<Sample, String> {
    let runner = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
    let mut exec = Command::new(runner);
    exec.arg("bench-exec");
    if let Some(dir) = &cmd.cwd {
        exec.arg("--cwd").arg(dir);
    }
    exec.arg("--").arg(&cmd.program).args(&cmd.args);
    let out = exec
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run bench-exec: {e}"))?;
    if !out.status.success() {
        return Err(format!("{}: could not be run", cmd.label));
    }
    let sample = Sample::parse(&String::from_utf8_lossy(&out.stdout))?;
    match sample.exit_code {
        Some(0 | 1) => Ok(sample),
        Some(code) => Err(format!("{} exited with {code}", cmd.label)),
        None => Err(format!("{} was ended by a signal", cmd.label)),
    }
}

/// `warmup` uncounted rounds, then `runs` rounds of every command in turn. Returns the
/// samples of each command, in `cmds` order. Prints a dot per round on stderr.
pub fn rounds(cmds: &[&Cmd], runs: usize, warmup: usize) -> Result<Vec<Vec<Sample>>, String> {
    let mut samples = vec![Vec::with_capacity(runs); cmds.len()];
    let labels: Vec<&str> = cmds.iter().map(|c| c.label.as_str()).collect();
    eprint!(
        "bench: {} ({warmup} warm-up + {runs} rounds) ",
        labels.join(" / ")
    );
    for round in 0..warmup + runs {
        for (i, cmd) in cmds.iter().enumerate() {
            let s = measure(cmd)?;
            if round >= warmup {
                samples[i].push(s);
            }
        }
        eprint!(".");
        let _ = std::io::stderr().flush();
    }
    eprintln!();
    Ok(samples)
}

/// The median (the mean of the middle two for an even count); NaN for none.
pub fn median(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.into_iter().collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

/// The median of the ratios a/b taken pair by pair (run i of A against run i of B): it holds
/// when the machine's speed drifts between rounds.
pub fn paired_ratio(a: &[f64], b: &[f64]) -> f64 {
    median(a.iter().zip(b).map(|(x, y)| x / y.max(1e-9)))
}

/// Medians of a command's samples.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    pub wall_s: f64,
    pub user_s: f64,
    pub sys_s: f64,
    pub cpu_s: f64,
    /// The largest peak RSS of any run, KiB.
    pub peak_rss_kib: u64,
    pub runs: usize,
}

impl Summary {
    pub fn of(samples: &[Sample]) -> Summary {
        Summary {
            wall_s: median(samples.iter().map(|s| s.wall_s)),
            user_s: median(samples.iter().map(|s| s.user_s)),
            sys_s: median(samples.iter().map(|s| s.sys_s)),
            cpu_s: median(samples.iter().map(Sample::cpu_s)),
            peak_rss_kib: samples.iter().map(|s| s.peak_rss_kib).max().unwrap_or(0),
            runs: samples.len(),
        }
    }

    /// Peak RSS in MiB (the unit `/usr/bin/time -f %M` gives in KiB, divided by 1024).
    pub fn peak_rss_mib(&self) -> f64 {
        self.peak_rss_kib as f64 / 1024.0
    }
}

/// Walls of samples, for [`paired_ratio`].
pub fn walls(samples: &[Sample]) -> Vec<f64> {
    samples.iter().map(|s| s.wall_s).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_the_runner_line() {
        let s = Sample::parse("1.500000 2.250000 0.250000 204800 1\n").unwrap();
        assert_eq!(s.wall_s, 1.5);
        assert_eq!(s.cpu_s(), 2.5);
        assert_eq!(s.peak_rss_kib, 204_800);
        assert_eq!(s.exit_code, Some(1));
        assert_eq!(Sample::parse("1 1 1 1 -").unwrap().exit_code, None);
        assert!(Sample::parse("1 1 1").is_err());
        assert!(Sample::parse("a b c d e").is_err());
    }

    #[test]
    fn medians_and_paired_ratios() {
        assert_eq!(median([3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median([4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median([]).is_nan());
        // Pair by pair: 2, 3, 2 -> 2 (the ratio of medians would be 8/3).
        assert_eq!(paired_ratio(&[2.0, 9.0, 8.0], &[1.0, 3.0, 4.0]), 2.0);
    }

    #[test]
    fn summary_keeps_the_largest_peak() {
        let s = |rss| Sample {
            wall_s: 1.0,
            peak_rss_kib: rss,
            ..Sample::default()
        };
        let sum = Summary::of(&[s(10), s(30), s(20)]);
        assert_eq!(sum.peak_rss_kib, 30);
        assert_eq!(sum.runs, 3);
    }
}
