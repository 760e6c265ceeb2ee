use proptest::prelude::*;

use crate::python::{Budget, BudgetKind, PythonModule, WriteOptions};

fn run(text: &str, budget: &Budget) -> (usize, Vec<Option<BudgetKind>>) {
    let module = PythonModule::parse(text, budget);
    let imports = module.imports().len();
    let _ = module.messages();
    let _ = module.main_guard();
    let writes = module.writes(&WriteOptions {
        root_names: vec!["ROOT".to_string()],
    });
    let mut kinds: Vec<Option<BudgetKind>> =
        module.diagnostics().iter().map(|d| d.budget).collect();
    kinds.extend(writes.diagnostics.iter().map(|d| d.budget));
    (imports + writes.writes.len(), kinds)
}

#[test]
fn input_size_budget() {
    let budget = Budget {
        max_input_bytes: 10,
        ..Budget::default()
    };
    let (found, kinds) = run("import os, sys, json\n", &budget);
    assert_eq!(found, 0);
    assert_eq!(kinds, [Some(BudgetKind::InputSize)]);
}

#[test]
fn deep_nesting_is_cut_not_overflowed() {
    let deep = format!(
        "x = {}1{}\nopen({}'a'{}, 'w')\n",
        "(".repeat(5000),
        ")".repeat(5000),
        "[".repeat(3000),
        "]".repeat(3000)
    );
    let (_, kinds) = run(&deep, &Budget::default());
    assert!(kinds.contains(&Some(BudgetKind::NestingDepth)), "{kinds:?}");
    let blocks: String = (0..300)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(300)
        + "open('a', 'w')\n";
    let (_, kinds) = run(&blocks, &Budget::default());
    assert!(kinds.contains(&Some(BudgetKind::NestingDepth)), "{kinds:?}");
}

#[test]
fn evaluation_budgets() {
    let deep = format!("open('a'{}, 'w')\n", " + 'b'".repeat(100));
    let (found, kinds) = run(&deep, &Budget::default());
    assert_eq!(found, 1);
    assert!(kinds.contains(&Some(BudgetKind::EvalDepth)), "{kinds:?}");

    let doubling: String = std::iter::once("A = 'xxxxxxxx'\n".to_string())
        .chain((0..40).map(|_| "A = A + A\n".to_string()))
        .chain(std::iter::once("open(A, 'w')\n".to_string()))
        .collect();
    let (_, kinds) = run(&doubling, &Budget::default());
    assert!(kinds.contains(&Some(BudgetKind::ValueSize)), "{kinds:?}");

    let many: String = (0..100)
        .map(|i| format!("Path('f{i}').touch()\n"))
        .collect();
    let budget = Budget {
        max_eval_steps: 50,
        ..Budget::default()
    };
    let (found, kinds) = run(&many, &budget);
    assert_eq!(found, 100);
    assert_eq!(kinds, [Some(BudgetKind::EvalSteps)]);
}

#[test]
fn empty_and_binary_input() {
    assert_eq!(run("", &Budget::default()).0, 0);
    assert_eq!(run("\u{0}\u{FFFC}\u{7f}", &Budget::default()).0, 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let _ = run(&text, &Budget::default());
    }

    #[test]
    fn never_panics_on_python_like_text(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("import "), Just("from "), Just(" . "), Just("a"), Just(".."),
                Just("("), Just(")"), Just("["), Just("]"), Just("{"), Just("}"),
                Just("\""), Just("'"), Just("\"\"\""), Just("f\""), Just("rb'"), Just("\\"),
                Just("\n"), Just("    "), Just("#"), Just(":"), Just(","), Just("="),
                Just(" / "), Just(" + "), Just("open"), Just("Path"), Just("'w'"),
                Just(".write_text()"), Just(".parents[3]"), Just("__file__"), Just("def f(x):"),
                Just("class C:"), Just("lambda x: "), Just(" for x in y"), Just(" as "),
                Just("with "), Just("os.environ.get"), Just("os.path.join"), Just("ROOT"),
            ],
            0..120,
        )
    ) {
        let text: String = parts.concat();
        let _ = run(&text, &Budget::default());
    }
}
