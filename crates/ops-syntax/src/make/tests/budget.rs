//! The expansion budget: no makefile makes a read slow or large.

use std::time::{Duration, Instant};

use super::{read_one, recipe, value};
use crate::make::{BudgetKind, ProblemKind};

fn budget_problems(db: &crate::make::Database) -> Vec<(BudgetKind, String)> {
    db.problems()
        .iter()
        .filter_map(|p| match p.kind {
            ProblemKind::Budget(k) => Some((k, p.message.clone())),
            _ => None,
        })
        .collect()
}

/// `X1 = $(X0)$(X0)` ... 60 times: 2^60 bytes in make, unknown and one problem here.
#[test]
fn exponential_variables_stop_at_the_size_budget() {
    let mut text = String::from("X0 = ab\n");
    for i in 1..=60 {
        text.push_str(&format!("X{i} = $(X{p})$(X{p})\n", p = i - 1));
    }
    text.push_str("BIG := $(X60)\nuse: ; echo $(X60) $(X60)\n");
    let start = Instant::now();
    let db = read_one(&text);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(value(&db, "BIG").as_deref(), Some("…"));
    assert_eq!(value(&db, "X10").map(|v| v.len()), Some(2048));
    assert_eq!(recipe(&db, "use"), ["echo \u{FFFC} \u{FFFC}"]);
    assert_eq!(
        budget_problems(&db),
        [(
            BudgetKind::ExpansionSize,
            "expanding variable `X60` went past the expansion size budget; its value is unknown"
                .to_string()
        )]
    );
}

/// The same doubling with empty output is cheap (each variable is expanded once per
/// expansion); through `call`, which cannot be memoised, the step budget stops it.
#[test]
fn exponential_work_without_output_stops_at_the_step_budget() {
    let mut text = String::from("Y0 =\ng0 =\n");
    for i in 1..=60 {
        text.push_str(&format!(
            "Y{i} = $(Y{p})$(Y{p})\ng{i} = $(call g{p})$(call g{p})\n",
            p = i - 1
        ));
    }
    text.push_str("Z := $(Y60)\nG := $(call g60)\n");
    let start = Instant::now();
    let db = read_one(&text);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(value(&db, "Z").as_deref(), Some(""));
    assert_eq!(value(&db, "G").as_deref(), Some("…"));
    assert_eq!(
        budget_problems(&db),
        [(
            BudgetKind::ExpansionSteps,
            "expanding variable `g60` went past the expansion work budget; its value is unknown"
                .to_string()
        )]
    );
}

/// `X = $(X)` references itself (make stops); recursion through `call` hits the depth budget.
#[test]
fn self_reference_and_deep_recursion() {
    let db = read_one("X = a $(X)\nY := $(X)\nf = $(call f)\nZ := $(call f)\n");
    assert_eq!(value(&db, "Y").as_deref(), Some("a …"));
    assert!(
        db.problems()
            .iter()
            .any(|p| p.message == "recursive variable `X` references itself (eventually)")
    );
    assert_eq!(value(&db, "Z").as_deref(), Some("…"));
    assert_eq!(budget_problems(&db)[0].0, BudgetKind::ExpansionDepth);
}

/// Nested conditionals past the budget are read as unknown.
#[test]
fn conditional_depth_budget() {
    let text = format!(
        "{}A = 1\n{}",
        "ifeq (a,a)\n".repeat(300),
        "endif\n".repeat(300)
    );
    let db = read_one(&text);
    assert_eq!(budget_problems(&db).len(), 1);
    assert!(db.variable("A").is_some_and(|v| v.conditional));
}

/// Past the whole read's step budget every expansion is unknown, with one problem.
#[test]
fn total_step_budget() {
    use crate::make::{Limits, MemoryLoader, Options, read};
    let mut text = String::from("A = $(if x,y)\n");
    for i in 0..100 {
        text.push_str(&format!("t{i}: ; echo $(A)\n"));
    }
    let options = Options {
        limits: Limits {
            max_total_steps: 50,
            ..Limits::default()
        },
        ..Options::default()
    };
    let db = read(
        "Makefile",
        &MemoryLoader::new().file("Makefile", &text),
        &options,
    );
    assert_eq!(recipe(&db, "t0"), ["echo y"]);
    assert_eq!(recipe(&db, "t99"), ["\u{FFFC}"]);
    assert_eq!(
        budget_problems(&db),
        [(BudgetKind::ExpansionSteps, "the makefiles went past the expansion work budget; what is expanded from here on is unknown".to_string())]
    );
}

/// `$(subst)` whose result would be huge stops before it is built.
#[test]
fn subst_output_is_counted_before_it_is_built() {
    let n: Vec<String> = (0..50).map(|i| i.to_string()).collect();
    let text = format!(
        "A := $(subst a,$(B),$(C))\nN := {}\nC := $(foreach i,$(N),{})\nB := $(foreach i,1 2 3 4 5 6 7 8 9 10,$(C))\nD := $(subst a,$(B),$(C))\n",
        n.join(" "),
        "a".repeat(54)
    );
    let db = read_one(&text);
    assert_eq!(value(&db, "A").as_deref(), Some(""));
    assert_eq!(value(&db, "D").as_deref(), Some("…"));
    assert_eq!(budget_problems(&db)[0].0, BudgetKind::ExpansionSize);
}

/// Many variables each just under the size budget do not add up: the read's total output
/// budget stops them, with one problem.
#[test]
fn total_output_budget() {
    use crate::make::{Limits, MemoryLoader, Options, read};
    let mut text = String::from("X0 = 0123456789abcdef\n");
    for i in 1..=12 {
        text.push_str(&format!("X{i} = $(X{p})$(X{p})\n", p = i - 1));
    }
    for i in 0..20 {
        text.push_str(&format!("K{i} := $(X12)\n"));
    }
    let limits = Limits {
        max_total_expansion_bytes: 1 << 20,
        ..Limits::default()
    };
    let options = Options {
        limits,
        ..Options::default()
    };
    let db = read(
        "Makefile",
        &MemoryLoader::new().file("Makefile", &text),
        &options,
    );
    assert_eq!(value(&db, "K0").map(|v| v.len()), Some(1 << 16));
    assert_eq!(value(&db, "K19").as_deref(), Some("…"));
    let problems = budget_problems(&db);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].1,
        "the makefiles went past the expansion size budget; what is expanded from here on is unknown"
    );
}

/// A static pattern rule with many targets and many prerequisites cannot multiply them
/// past the rule instance budget.
#[test]
fn rule_instance_budget() {
    let n: Vec<String> = (0..2_000).map(|i| format!("t{i}.o")).collect();
    let h: Vec<String> = (0..1_000).map(|i| format!("h{i}.h")).collect();
    let text = format!("{}: %.o: %.c {}\n\tcc $<\n", n.join(" "), h.join(" "));
    let db = read_one(&text);
    assert_eq!(db.rules_for("t0.o")[0].prerequisites.len(), 1_001);
    assert_eq!(recipe(&db, "t0.o"), ["cc t0.c"]);
    assert_eq!(db.rules_for("t1999.o")[0].prerequisites[0], "%.c");
    assert!(recipe(&db, "t1999.o").is_empty());
    let problems = budget_problems(&db);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, BudgetKind::RuleInstances);
}
