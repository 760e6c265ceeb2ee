//! Includes (GNU make manual 3.3): in order, globs, variables, missing, cycles, budgets.

use super::{problems, read_files, value};
use crate::make::{BudgetKind, IncludeStatus, Limits, MemoryLoader, Options, ProblemKind, read};

fn statuses(db: &crate::make::Database) -> Vec<(String, IncludeStatus)> {
    db.files()
        .iter()
        .map(|f| (f.path.to_string(), f.status.clone()))
        .collect()
}

#[test]
fn includes_are_read_where_they_stand() {
    let db = read_files(&[
        (
            "Makefile",
            "DIR := makefiles\nX = root\ninclude $(DIR)/a.mk\nAFTER := $(X)\n-include missing.mk\nsinclude $(wildcard extra/*.mk)\ninclude extra/*.mk nope/*.mk\n",
        ),
        ("makefiles/a.mk", "X = from-a\na:\n\techo a\n"),
        ("extra/c.mk", "c: ; echo c\n"),
        ("extra/b.mk", "b: ; echo b\n"),
    ]);
    assert_eq!(value(&db, "AFTER").as_deref(), Some("from-a"));
    assert!(db.is_defined("a") && db.is_defined("b") && db.is_defined("c"));
    assert_eq!(
        statuses(&db),
        [
            ("Makefile".to_string(), IncludeStatus::Read),
            ("makefiles/a.mk".to_string(), IncludeStatus::Read),
            (
                "missing.mk".to_string(),
                IncludeStatus::Missing { optional: true }
            ),
            ("extra/b.mk".to_string(), IncludeStatus::Read),
            ("extra/c.mk".to_string(), IncludeStatus::Read),
            ("extra/b.mk".to_string(), IncludeStatus::Read),
            ("extra/c.mk".to_string(), IncludeStatus::Read),
        ]
    );
    assert_eq!(db.files()[1].from.as_ref().map(|p| p.line), Some(3));
    assert_eq!(db.read_files().count(), 6);
    assert_eq!(
        value(&db, "MAKEFILE_LIST").as_deref(),
        Some(" Makefile makefiles/a.mk extra/b.mk extra/c.mk extra/b.mk extra/c.mk")
    );
    assert_eq!(
        db.rules_for("a")[0].position.file.as_str(),
        "makefiles/a.mk"
    );
}

#[test]
fn unresolvable_includes_are_problems() {
    let loader = MemoryLoader::new()
        .file("sub/Makefile", "include ../top.mk\ninclude ../../out.mk /etc/x.mk $(shell ls) nope.mk\ninclude bad.mk\n")
        .file("top.mk", "top: ; echo\n")
        .unreadable("sub/bad.mk");
    let options = Options {
        directory: "sub".to_string(),
        ..Options::default()
    };
    let db = read("Makefile", &loader, &options);
    assert!(db.is_defined("top"));
    assert_eq!(
        problems(&db),
        [
            "2: include path `../../out.mk` leaves the repository; what it defines is not seen",
            "2: include path `/etc/x.mk` is outside the repository; what it defines is not seen",
            "2: include path `\u{FFFC}` is not known statically; what it defines is not seen",
            "2: included makefile `sub/nope.mk` does not exist (make stops here)",
            "3: makefile `sub/bad.mk` cannot be read; what it defines is not seen",
        ]
    );
    let kinds: Vec<_> = db.problems().iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds[3..],
        [ProblemKind::IncludeMissing, ProblemKind::Unreadable]
    );
    let db = read("Makefile", &MemoryLoader::new(), &Options::default());
    assert_eq!(db.problems()[0].kind, ProblemKind::RootMissing);
}

#[test]
fn include_cycles_are_cut() {
    let db = read_files(&[
        ("Makefile", "include a.mk\nroot: ; x\n"),
        ("a.mk", "include b.mk\na: ; x\n"),
        ("b.mk", "include a.mk\ninclude Makefile\nb: ; x\n"),
    ]);
    assert!(db.is_defined("root") && db.is_defined("a") && db.is_defined("b"));
    assert_eq!(
        problems(&db),
        [
            "1: `a.mk` includes itself (an include cycle); it is not read again",
            "2: `Makefile` includes itself (an include cycle); it is not read again",
        ]
    );
    assert_eq!(statuses(&db)[3].1, IncludeStatus::Cyclic);
}

#[test]
fn include_depth_and_count_budgets() {
    let mut loader = MemoryLoader::new().file("Makefile", "include 0.mk\n");
    for i in 0..200 {
        loader = loader.file(
            &format!("{i}.mk"),
            &format!("include {}.mk\nt{i}: ; x\n", i + 1),
        );
    }
    let db = read("Makefile", &loader, &Options::default());
    assert!(db.is_defined("t63") && !db.is_defined("t64"));
    let budget: Vec<_> = db
        .problems()
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::Budget(_)))
        .collect();
    assert_eq!(budget.len(), 1);
    assert_eq!(
        budget[0].kind,
        ProblemKind::Budget(BudgetKind::IncludeDepth)
    );
    assert_eq!(
        budget[0].message,
        "makefile `64.mk` is not read: past the include depth budget; what it defines is not seen"
    );

    // A diamond lattice would read files 2^n times: the count budget stops it.
    let mut loader = MemoryLoader::new().file("Makefile", "include d0.mk\n");
    for i in 0..40 {
        loader = loader.file(
            &format!("d{i}.mk"),
            &format!("include d{n}.mk d{n}.mk\n", n = i + 1),
        );
    }
    let options = Options {
        limits: Limits {
            max_includes: 1000,
            ..Limits::default()
        },
        ..Options::default()
    };
    let db = read("Makefile", &loader, &options);
    let attempted = db
        .files()
        .iter()
        .filter(|f| !matches!(f.status, IncludeStatus::OverBudget(_)))
        .count();
    assert_eq!(attempted, 1001);
    let count = db
        .problems()
        .iter()
        .filter(|p| p.kind == ProblemKind::Budget(BudgetKind::IncludeCount))
        .count();
    assert_eq!(count, 1, "one problem for the include count budget");
}

#[test]
fn input_size_budget() {
    let big = "x".repeat(100);
    let loader = MemoryLoader::new()
        .file("Makefile", "include big.mk\nok: ; x\n")
        .file("big.mk", &big);
    let options = Options {
        limits: Limits {
            max_file_bytes: 50,
            ..Limits::default()
        },
        ..Options::default()
    };
    let db = read("Makefile", &loader, &options);
    assert!(db.is_defined("ok"));
    assert_eq!(
        db.files()[1].status,
        IncludeStatus::OverBudget(BudgetKind::InputSize)
    );
    assert_eq!(
        problems(&db),
        [
            "1: makefile `big.mk` is not read: past the input size budget; what it defines is not seen"
        ]
    );
}
