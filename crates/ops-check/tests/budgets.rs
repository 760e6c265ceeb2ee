//! Work budgets end to end: hostile inputs added to a copy of the conforming fixture. Each
//! run must end within seconds with exit 0 or 1 (never 2, never a crash, never a hang) and
//! say which budget ran out, so a person knows what was not checked.
//!
//! The binary runs as a child process with a deadline: a run past it is killed and the test
//! fails, rather than the test suite hanging.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/bin.rs"]
mod support;

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use ops_model::testing::TestRepo;
use support::{bin, fixtures};

/// Generous for a debug build on a loaded 2-core machine; the runs take well under it.
const DEADLINE: Duration = Duration::from_secs(60);

struct Run {
    code: i32,
    out: String,
    took: Duration,
}

/// `ops-check check <repo>` (human format), killed at [`DEADLINE`].
fn check(repo: &TestRepo) -> Run {
    command(repo, "check")
}

/// `ops-check <subcommand> <repo>`, killed at [`DEADLINE`].
fn command(repo: &TestRepo, subcommand: &str) -> Run {
    let start = Instant::now();
    let mut child = bin()
        .arg(subcommand)
        .arg(repo.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain stdout in a thread so a large report cannot block the child on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("ops-check ran past {DEADLINE:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut err);
    let out = reader.join().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        out: format!("{out}{err}"),
        took: start.elapsed(),
    }
}

fn conforming() -> TestRepo {
    TestRepo::copy_of(&fixtures().join("conforming"))
}

/// Exit 0 or 1 within the deadline.
fn assert_ended(run: &Run) {
    let head: String = run.out.chars().take(4000).collect();
    assert!(
        run.code == 0 || run.code == 1,
        "exit {} after {:?}:\n{head}",
        run.code,
        run.took
    );
}

/// Exit 0 or 1 within the deadline, and a warning naming the budget (`needle`).
fn assert_bounded(run: &Run, needle: &str) {
    assert_ended(run);
    let head: String = run.out.chars().take(4000).collect();
    let warned = run
        .out
        .lines()
        .any(|l| l.contains("warning[") && l.contains(needle));
    assert!(
        warned,
        "no warning naming `{needle}` (exit {}, {:?}):\n{head}",
        run.code, run.took
    );
}

/// `X60` would be 2^61 bytes: the make reader's expansion budget stops it, and SUR002
/// reports the budget once as a warning.
#[test]
fn exponential_make_variable() {
    // Each variable doubles the last: X60 would be 2^61 bytes.
    let mut mk = std::fs::read_to_string(fixtures().join("conforming/makefiles/ops.mk")).unwrap();
    mk.push_str("\nX0 := ab\n");
    for i in 1..=60 {
        mk.push_str(&format!("X{i} := $(X{})$(X{})\n", i - 1, i - 1));
    }
    mk.push_str("Y0 = ab\n");
    for i in 1..=60 {
        mk.push_str(&format!("Y{i} = $(Y{})$(Y{})\n", i - 1, i - 1));
    }
    mk.push_str("\nbomb:\n\t@echo $(Y60)\n");
    let repo = conforming().file("makefiles/ops.mk", &mk);
    assert_bounded(&check(&repo), "budget");
}

#[test]
fn very_long_one_line_script() {
    // 9 MB on one line: past the shell reader's 8 MiB input budget, under max_file_size.
    let mut sh = String::from("#!/usr/bin/env bash\n");
    sh.push_str(&"echo a; ".repeat(9 * 1024 * 1024 / 8));
    sh.push('\n');
    let repo = conforming().script("ops/stack/scripts/stack-up.sh", &sh);
    // LAY004: "was not read to the end (shell input size (8388608))".
    assert_bounded(&check(&repo), "shell input size");
}

#[test]
fn markdown_of_nothing_but_backticks() {
    // 15 MiB of backticks, just under `limits.max_file_size` and the Markdown reader's
    // 16 MiB input budget: pulldown-cmark reads runs of backticks in linear time, so no
    // budget is reached and the run just ends (a larger file is not read at all).
    let md = "`".repeat(15 * 1024 * 1024);
    let repo = conforming().file("docs/operations.md", &md);
    assert_ended(&check(&repo));
}

/// A schema whose `$defs` form a `$ref` chain `d0 -> d1 -> ... -> dN`, and a manifest bound
/// to it.
fn ref_chain(n: usize) -> TestRepo {
    let defs: Vec<String> = (0..n)
        .map(|i| format!("\"d{i}\": {{\"$ref\": \"#/$defs/d{}\"}}", i + 1))
        .chain([format!("\"d{n}\": {{\"type\": \"string\"}}")])
        .collect();
    let schema = format!(
        "{{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \
         \"$id\": \"https://atlas.example/ops/schemas/datasets/chain.v1.schema.json\", \
         \"type\": \"object\", \"properties\": {{\"name\": {{\"$ref\": \"#/$defs/d0\"}}}}, \
         \"$defs\": {{{}}}}}",
        defs.join(", ")
    );
    conforming()
        .file("ops/_schemas/datasets/chain.v1.schema.json", &schema)
        .file(
            "ops/datasets/manifests/chain.yaml",
            "$schema: https://atlas.example/ops/schemas/datasets/chain.v1.schema.json\nname: x\n",
        )
}

#[test]
fn long_ref_chain() {
    // 900 references, under `[limits.schema] max_ref_chain` (1,000): the validator follows
    // them in seconds and no budget is named.
    let run = check(&ref_chain(900));
    assert_ended(&run);
    assert!(!run.out.contains("max_ref_chain"), "{}", run.out);
}

/// 50,000 references: validating would recurse once per `$ref` and overflow the stack of
/// the rule thread (it aborted the process before the budget). Now the schema is set aside
/// by `[limits.schema] max_ref_chain` (1,000): one SCH002 warning naming the budget.
#[test]
fn ref_chain_past_the_stack() {
    assert_bounded(&check(&ref_chain(50_000)), "budget");
}

#[test]
fn yaml_alias_bomb() {
    // "Billion laughs": nine levels of nine aliases each, 9^9 nodes if expanded.
    let mut yaml = String::from(
        "$schema: https://atlas.example/ops/schemas/datasets/dataset.v1.schema.json\n\
         name: genes\nsource: x\nsha256: x\n",
    );
    yaml.push_str("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=9 {
        let p = i - 1;
        yaml.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let repo = conforming().file("ops/datasets/manifests/genes.yaml", &yaml);
    assert_bounded(&check(&repo), "budget");
}

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) -> bool {
    let _ = std::fs::remove_file(path);
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn fifo_named_like_a_manifest() {
    let repo = conforming().dir("ops/datasets");
    if !mkfifo(&repo.path().join("ops/datasets/manifest.json")) {
        eprintln!("mkfifo unavailable: skipped");
        return;
    }
    // Opening a FIFO for reading blocks until a writer comes: ending at all shows it was
    // never opened (its kind comes from the walk's metadata, not its name). It is not
    // skipped silently: one OPS006 warning says it was not checked.
    let run = check(&repo);
    assert_ended(&run);
    assert!(
        run.out.lines().any(|l| l.contains("warning[OPS006]"))
            && run.out.contains("not a regular file"),
        "{}",
        run.out
    );
}

/// A script over `[limits] max_file_size` is not read: one OPS006 warning names the key.
#[test]
fn a_file_over_the_size_limit_is_named() {
    let repo = conforming()
        .file("ops-check.toml", "[limits]\nmax_file_size = 16000\n")
        .file("ops/stack/scripts/big.sh", &"echo hi\n".repeat(3000));
    let run = check(&repo);
    assert_bounded(&run, "max_file_size");
    assert!(run.out.contains("warning[OPS006]"), "{}", run.out);
}

/// `[limits.*]` reach the readers: with `[limits.shell] max_steps = 3` a script of ten
/// commands is walked only in part, and LAY004 warns naming the evaluation steps budget;
/// with `[limits.yaml] max_depth = 2` a manifest nested three deep is unknown past the
/// depth, and the YAML reader's budget is named.
#[test]
fn config_limits_reach_the_readers() {
    let script = "#!/usr/bin/env bash\n".to_string() + &"echo hi\n".repeat(10);
    let repo = conforming()
        .file(
            "ops-check.toml",
            "[limits.shell]\nmax_steps = 3\n[limits.yaml]\nmax_depth = 2\n",
        )
        .file("ops/stack/scripts/steps.sh", &script)
        .file(
            "ops/datasets/manifests/deep.yaml",
            "$schema: https://atlas.example/ops/schemas/datasets/dataset.v1.schema.json\n\
             name: genes\nsource: x\nsha256: x\na:\n  b:\n    c: 1\n",
        );
    let run = check(&repo);
    assert_bounded(&run, "evaluation steps");
    assert_bounded(&run, "nesting depth");
}

/// `gen` compares each generated file with what is on disk: a FIFO standing there would
/// block that read forever. It is refused (exit 2) without being opened.
#[cfg(unix)]
#[test]
fn gen_refuses_a_fifo_where_it_writes() {
    let repo = conforming();
    if !mkfifo(&repo.path().join("docs/_generated/ops-surface.md")) {
        eprintln!("mkfifo unavailable: skipped");
        return;
    }
    let run = command(&repo, "gen");
    assert_eq!(run.code, 2, "{}", run.out);
    assert!(run.out.contains("not a regular file"), "{}", run.out);
}
