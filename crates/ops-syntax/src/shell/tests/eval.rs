use crate::StaticValue;
use crate::shell::{EvalOptions, Script, Visited, VisitedKind, walk};

fn opts() -> EvalOptions<'static> {
    EvalOptions {
        root_vars: vec!["REPO_ROOT".into(), "ROOT".into()].into(),
        script_name: Some("a.sh".into()),
        skip_uncalled_functions: false,
        cwd: None,
        programs: None,
    }
}

/// Every visited simple command as `program arg1 arg2` with values shown by `Display`.
fn visits(text: &str) -> Vec<String> {
    let script = Script::parse(text);
    let mut out = Vec::new();
    walk(&script, &opts(), &mut |v: &Visited<'_>| {
        if let (VisitedKind::Simple(_), false) = (v.kind, v.words.is_empty()) {
            let mut words: Vec<String> = v.words.iter().map(|w| w.value.to_string()).collect();
            for r in &v.redirects {
                words.push(format!("{}{}{}", r.fd, r.op.as_str(), r.target));
            }
            out.push(words.join(" "));
        }
    });
    out
}

/// The value of the last argument of the last visited command.
fn last(text: &str) -> String {
    visits(text)
        .last()
        .and_then(|l| l.rsplit(' ').next().map(str::to_string))
        .unwrap_or_default()
}

#[test]
fn script_directory_idioms() {
    for idiom in [
        "$(dirname \"$0\")",
        "$(dirname \"${BASH_SOURCE[0]}\")",
        "${BASH_SOURCE%/*}",
        "${0%/*}",
        "`dirname $0`",
        "$(cd \"$(dirname \"$0\")\" && pwd)",
        "$(CDPATH= cd -- \"$(dirname -- \"${BASH_SOURCE[0]}\")\" >/dev/null 2>&1 && pwd -P)",
        "$(dirname \"$(readlink -f \"$0\")\")",
    ] {
        assert_eq!(
            last(&format!("mkdir {idiom}/x")),
            "$SCRIPT_DIR/x",
            "{idiom}"
        );
    }
    assert_eq!(
        last("echo $(cd \"$(dirname \"$0\")/../..\" && pwd)/lib"),
        "$SCRIPT_DIR/../../lib"
    );
    assert_eq!(last("echo $0"), "$SCRIPT_DIR/a.sh");
}

#[test]
fn root_variables_and_git() {
    assert_eq!(last("echo \"$REPO_ROOT/artifacts/x\""), "$ROOT/artifacts/x");
    assert_eq!(
        last("echo \"$(git rev-parse --show-toplevel)/ops\""),
        "$ROOT/ops"
    );
    assert_eq!(last("ROOT=$1\necho \"$ROOT/x\""), "…/x");
    assert_eq!(
        last("TOP=$(git rev-parse --show-toplevel)\necho $TOP/y"),
        "$ROOT/y"
    );
}

#[test]
fn defaults_nested_and_assigning() {
    assert_eq!(last("echo ${A:-${B:-x}}"), "x");
    assert_eq!(last("B=y\necho ${A:-${B:-x}}"), "y");
    assert_eq!(last("A=\necho ${A:-d} ${A-e}"), "");
    assert_eq!(visits("A=\necho ${A:-d} ${A-e}")[0], "echo d ");
    assert_eq!(
        last(": \"${OUT:=artifacts/y}\"\necho \"$OUT/z\""),
        "artifacts/y/z"
    );
    assert_eq!(last("echo ${X=w} $X"), "w");
    assert_eq!(
        last("echo ${OUT_DIR:-$REPO_ROOT/artifacts/$RUN_ID}"),
        "$ROOT/artifacts/…"
    );
    assert_eq!(last("A=v\necho ${A:+alt} ${Z:+alt}."), ".");
    assert_eq!(visits("A=v\necho ${A:+alt}")[0], "echo alt");
    assert_eq!(last("A=abc\necho ${#A}"), "3");
}

#[test]
fn assignments_and_declarations() {
    let text = "readonly ROOT_DIR=\"$(cd \"$(dirname \"$0\")/..\" && pwd)\"\nexport OUT=\"$ROOT_DIR/out\"\ndeclare -r LOG=$OUT/log\nlocal L=1\nmkdir -p \"$LOG\"";
    assert_eq!(last(text), "$SCRIPT_DIR/../out/log");
    assert_eq!(last("A=1 B=$A\necho $B"), "1");
    assert_eq!(last("A=x cmd\necho $A"), "…");
    assert_eq!(last("P=a\nP+=b\necho $P"), "ab");
    assert_eq!(last("X=1\nunset X\necho ${X:-gone}"), "gone");
    assert_eq!(last("read -r X\necho ${X:-d}"), "…");
}

#[test]
fn top_level_cd() {
    assert_eq!(
        last("cd \"$(dirname \"$0\")/../..\"\necho $(pwd)/x"),
        "$SCRIPT_DIR/../../x"
    );
    assert_eq!(last("cd \"$REPO_ROOT\"\ncd ops\necho $PWD"), "$ROOT/ops");
    assert_eq!(last("cd /tmp\ncd \"$1\"\necho $(pwd)"), "…");
    // A subshell's cd does not leak.
    assert_eq!(last("cd \"$REPO_ROOT\"\n(cd sub)\necho $(pwd)"), "$ROOT");
}

/// A caller that knows where the text starts (a workflow step's `working-directory`) gives
/// it as `EvalOptions::cwd`: a relative `cd` then moves from there.
#[test]
fn a_known_starting_directory_places_relative_cds() {
    let cwd_after = |text: &str, start: Option<StaticValue>| {
        let script = Script::fragment(text);
        let opts = EvalOptions {
            cwd: start,
            ..EvalOptions::default()
        };
        let mut last = None;
        walk(&script, &opts, &mut |v: &Visited<'_>| {
            last = Some(v.context.cwd.clone());
        });
        last.flatten().map(|c| c.to_string())
    };
    let root = Some(StaticValue::anchored(crate::Anchor::Root, "/ops"));
    assert_eq!(
        cwd_after("cd stack/scripts && ./up.sh", root.clone()).as_deref(),
        Some("$ROOT/ops/stack/scripts")
    );
    assert_eq!(cwd_after("./up.sh", root).as_deref(), Some("$ROOT/ops"));
    assert_eq!(cwd_after("cd stack && ./up.sh", None), None);
}

#[test]
fn functions_printing_paths() {
    let text = "dir() { printf '%s\\n' \"$ROOT/artifacts/x\"; }\nmkdir -p \"$(dir)\"";
    assert_eq!(last(text), "$ROOT/artifacts/x");
    let text = "out() {\n  local base=\"${1:-run}\"\n  echo \"$REPO_ROOT/artifacts/$base\"\n}\ntouch \"$(out)/f\"";
    assert_eq!(last(text), "$ROOT/artifacts/run/f");
    assert_eq!(last("f() { echo a; echo b; }\necho \"$(f)\""), "a\nb");
    assert_eq!(last("f() { kubectl get x; }\necho \"$(f)\""), "…");
    assert_eq!(last("f() { echo \"$ROOT/x\" >&2; }\necho \"[$(f)]\""), "[]");
    assert_eq!(last("f() { [ -n \"$X\" ] || echo d; }\necho \"$(f)\""), "…");
    assert_eq!(last("f() { echo x | tr x y; }\necho \"$(f)\""), "…");
}

#[test]
fn function_bodies_are_visited_at_calls_and_uncalled_once() {
    let text = "w() { mkdir -p \"$OUT/x\"; }\nOUT=a\nw\nOUT=b\nw\nlib() { touch \"$OUT/lib\"; }\n";
    assert_eq!(
        visits(text),
        ["w", "mkdir -p a/x", "w", "mkdir -p b/x", "touch b/lib"]
    );
    let script = Script::parse(text);
    let mut contexts = Vec::new();
    walk(&script, &opts(), &mut |v| {
        contexts.push((
            v.context.function.map(str::to_string),
            v.context.uncalled,
            v.context.call_depth,
        ))
    });
    assert_eq!(contexts.last(), Some(&(Some("lib".to_string()), true, 0)));
    assert_eq!(contexts[2], (Some("w".to_string()), false, 1));
}

#[test]
fn branches_merge() {
    assert_eq!(last("if x; then A=1; else A=1; fi\necho $A"), "1");
    assert_eq!(last("if x; then A=1; else A=2; fi\necho $A"), "…");
    assert_eq!(last("case $1 in a) B=1;; esac\necho $B"), "…");
    assert_eq!(last("for f in one; do C=$f; done\necho $C"), "…");
}

#[test]
fn unknown_marks_and_budgets() {
    let text = format!("mkdir -p artifacts/{}/x", crate::UNKNOWN_MARK);
    assert_eq!(last(&text), "artifacts/…/x");
    let fragment = Script::fragment("echo $(dirname \"$0\")/x");
    let mut got = Vec::new();
    walk(&fragment, &opts(), &mut |v| {
        got.push(v.words.last().map(|w| w.value.clone()))
    });
    assert_eq!(
        got.last().cloned().flatten(),
        Some({
            let mut v = StaticValue::unknown();
            v.push_text("/x");
            v
        })
    );
    let mut doubling = String::from("A=xxxxxxxxxxxxxxxx\n");
    for _ in 0..40 {
        doubling.push_str("A=$A$A\n");
    }
    doubling.push_str("echo $A\n");
    let script = Script::parse(&doubling);
    let budgets = walk(&script, &opts(), &mut |_| {});
    assert_eq!(budgets.len(), 1);
    assert_eq!(budgets[0].what, crate::shell::BudgetKind::ValueSize);
    // Recursion is walked once (no budget needed); a chain of 20 distinct functions
    // reaches the call depth limit (16).
    let recursive = Script::parse("f() { f; g; }\ng() { f; }\nf\n");
    assert!(walk(&recursive, &opts(), &mut |_| {}).is_empty());
    let mut chain = String::new();
    for i in 0..20 {
        chain.push_str(&format!("f{i}() {{ f{}; }}\n", i + 1));
    }
    chain.push_str("f0\n");
    let budgets = walk(&Script::parse(&chain), &opts(), &mut |_| {});
    assert_eq!(budgets.len(), 1);
    assert_eq!(budgets[0].what, crate::shell::BudgetKind::CallDepth);
}

#[test]
fn visited_commands_expose_connections() {
    let script = Script::parse(
        "if ! grep -q x f; then fail; fi\ncmd || die \"no\"\nsudo -E make x > out.log 2>&1",
    );
    let mut seen = Vec::new();
    walk(&script, &opts(), &mut |v| {
        seen.push((
            v.program_name().unwrap_or_default(),
            v.context.in_condition,
            v.context.negated,
            v.context.before,
            v.context.after,
            v.redirects.iter().filter(|r| r.writes_file()).count(),
        ))
    });
    use crate::shell::Connector::Or;
    assert_eq!(seen[0], ("grep".into(), true, true, None, None, 0));
    assert_eq!(seen[1].0, "fail");
    assert_eq!(seen[2], ("cmd".into(), false, false, None, Some(Or), 0));
    assert_eq!(seen[3], ("die".into(), false, false, Some(Or), None, 0));
    assert_eq!(seen[4], ("make".into(), false, false, None, None, 1));
}

#[test]
fn the_working_directory_after_cd() {
    let script = Script::parse(
        "mkdir a\ncd \"$ROOT/ops\"\nmkdir b\n(cd \"$(mktemp -d)\"; mkdir c)\nmkdir d\ncd \"$(mktemp -d)\"\nmkdir e\n",
    );
    let mut seen = Vec::new();
    walk(&script, &opts(), &mut |v: &Visited<'_>| {
        if v.program_name().as_deref() == Some("mkdir") {
            let cwd = v.context.cwd.as_ref().map(ToString::to_string);
            seen.push((v.line, cwd, v.context.cwd_changed));
        }
    });
    assert_eq!(
        seen,
        [
            (1, None, false),
            (3, Some("$ROOT/ops".to_string()), true),
            (4, None, true),
            (5, Some("$ROOT/ops".to_string()), true),
            (7, None, true),
        ]
    );
}
