use proptest::prelude::*;

use crate::shell::{EvalOptions, Limits, Mode, Script, lex, walk};

fn read_all(text: &str) {
    let _ = lex(text, Limits::default());
    for mode in [Mode::Script, Mode::Fragment] {
        let script = Script::parse_with(text, mode, Limits::default());
        let opts = EvalOptions {
            root_vars: vec!["ROOT".into()].into(),
            ..EvalOptions::default()
        };
        let mut n = 0usize;
        walk(&script, &opts, &mut |v| {
            n += v.words.len();
            let _ = script.line_of(v.start);
        });
        let _ = crate::shell::facts::is_function_library(&script);
        let _ = crate::shell::facts::sources(&script, &opts);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        read_all(&text);
    }

    #[test]
    fn never_panics_on_shell_like_text(
        pieces in proptest::collection::vec(
            prop_oneof![
                Just("'"), Just("\""), Just("$("), Just(")"), Just("${"), Just("}"), Just("`"),
                Just("\\"), Just("\n"), Just("<<EOF\n"), Just("<<-'E'\n"), Just("EOF\n"),
                Just("\tE\n"), Just("$'"), Just("(("), Just("))"), Just("if "), Just("then "),
                Just("fi"), Just("case x in "), Just("esac"), Just(";;"), Just("do "),
                Just("done"), Just("f() { "), Just("2>&1"), Just("&>"), Just("|"), Just("&&"),
                Just("||"), Just(";"), Just("&"), Just("#"), Just(" "), Just("x=1 "),
                Just("$0"), Just("${A:-"), Just("${0%/*}"), Just("[["), Just("]]"),
                Just("<("), Just("cd "), Just("f"), Just("echo "), Just("\u{FFFC}"), Just("é"),
            ],
            0..60,
        )
    ) {
        read_all(&pieces.concat());
    }
}

/// The visits of `source`, `.`, `mkdir` and of commands with redirections as a caller sees
/// them: where, the words' values, the working directory, inside a substitution or not.
fn visits_of(text: &str, programs: Option<&'static [&'static str]>) -> Vec<String> {
    let script = Script::parse(text);
    let opts = EvalOptions {
        root_vars: vec!["ROOT".into()].into(),
        script_name: Some("x.sh".into()),
        programs,
        ..EvalOptions::default()
    };
    let wanted = ["source", ".", "mkdir"];
    let mut out = Vec::new();
    walk(&script, &opts, &mut |v| {
        let Some(name) = v.program_file_name() else {
            return;
        };
        let redirects = !v.redirects.is_empty();
        if wanted.contains(&&*name) || redirects {
            let words: Vec<String> = v.words.iter().map(|w| w.value.to_string()).collect();
            let cx = &v.context;
            let cwd = cx.cwd.as_ref().map(ToString::to_string);
            let inside = cx.in_substitution;
            out.push(format!(
                "{} {words:?} {cwd:?} {} {inside}",
                v.start, cx.cwd_changed
            ));
        }
    });
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `EvalOptions::programs` only lets the walk skip work: the commands of the programs
    /// named are visited exactly as without it.
    #[test]
    fn the_programs_hint_changes_no_visit_of_those_programs(
        pieces in proptest::collection::vec(
            prop_oneof![
                Just("source lib.sh"), Just(". \"$ROOT/x.sh\""), Just("mkdir -p \"$D\""),
                Just("cd "), Just("/tmp"), Just("cd \"$ROOT/c\""), Just("cd \"$ROOT/c\""), Just("\"$(dirname \"$0\")\""), Just("D=$ROOT/a"),
                Just("export D=b"), Just("local D"), Just("unset D"), Just("read D"),
                Just("printf -v D x"), Just("echo ${D:=c}"), Just("echo $(cd x)"),
                Just("f() { D=$ROOT/f; }"), Just("f"), Just("kubectl get"), Just(" "),
                Just("\n"), Just(";"), Just("&&"), Just("|"), Just("if x; then "), Just("fi"),
                Just("D=$(pwd)"), Just("cat <<E\n$(cd /)\nE\n"), Just("> \"$D/log\""),
                Just("sudo "), Just("pushd /a"), Just("popd"), Just("'x'"),
                Just("echo \"$(source y.sh)\""), Just("echo $(kubectl get | wc -l)"),
                Just("echo \"$(mkdir -p \"$D\")\""), Just("echo $(g() { mkdir z; }; g)"),
                Just("echo $({ true; } >x)"), Just("echo $(cd /a; D=1; echo $D)"),
            ],
            0..40,
        )
    ) {
        let text = pieces.concat();
        prop_assert_eq!(
            visits_of(&text, None),
            visits_of(&text, Some(&["source", ".", "mkdir"])),
            "{}", text
        );
    }
}

#[test]
fn the_programs_hint_skips_only_commands_that_change_nothing() {
    // `echo ${D:=x}` assigns D; `f` calls a function that assigns it; `cd` moves.
    let text =
        "echo ${D:=/a}\nmkdir \"$D\"\nf() { D=/b; }\nf\nmkdir \"$D\"\ncd \"$ROOT/c\"\nmkdir d\n";
    let hinted = visits_of(text, Some(&["mkdir"]));
    assert_eq!(hinted, visits_of(text, None));
    assert_eq!(hinted.len(), 3);
    assert!(
        hinted[0].contains("\"/a\"") && hinted[1].contains("\"/b\""),
        "{hinted:?}"
    );
    assert!(hinted[2].contains("Some(\"$ROOT/c\") true"), "{hinted:?}");
}

#[test]
fn deep_nesting_is_bounded() {
    for (open, close) in [
        ("echo $(", ")"),
        ("echo ${A:-", "}"),
        ("{ ", "; }"),
        ("( ", " )"),
        ("echo \"$(", ")\""),
    ] {
        let text = format!("{}x{}", open.repeat(5000), close.repeat(5000));
        let script = Script::parse(&text);
        assert!(!script.budgets.is_empty(), "{open}");
        read_all(&text);
    }
    let nested_if = format!("{}x{}", "if a; then ".repeat(3000), "; fi".repeat(3000));
    assert!(!Script::parse(&nested_if).budgets.is_empty());
    let backticks = format!("echo {}", "`\\".repeat(200));
    read_all(&backticks);
}

#[test]
fn input_size_budget() {
    let limits = Limits {
        max_input_bytes: 10,
        ..Limits::default()
    };
    let script = Script::parse_with("echo 0123456789", Mode::Script, limits);
    assert!(script.program.items.is_empty());
    assert_eq!(script.budgets[0].what, crate::shell::BudgetKind::InputSize);
    let limits = Limits {
        max_tokens: 5,
        ..Limits::default()
    };
    let script = Script::parse_with("a b c d e f g h", Mode::Script, limits);
    assert_eq!(script.budgets[0].what, crate::shell::BudgetKind::Tokens);
}

/// Lexing is linear: a 2 MB one-line script and a 50,000-line script both read quickly
/// (the times are printed, not asserted; run with `--nocapture` to see them).
#[test]
fn lexing_is_linear() {
    let one_line = "echo \"$A\" 'b' c | d && e; ".repeat(2 * 1024 * 1024 / 26);
    let started = std::time::Instant::now();
    let (tokens, _, budgets) = lex(&one_line, Limits::default());
    let one_line_time = started.elapsed();
    assert!(budgets.is_empty());
    assert_eq!(tokens.len(), one_line.len() / 26 * 9);

    let mut lines = String::new();
    for i in 0..50_000 {
        lines.push_str(&format!(
            "mkdir -p \"$ROOT/artifacts/{i}\" > /dev/null 2>&1 # c\n"
        ));
    }
    let started = std::time::Instant::now();
    let script = Script::parse(&lines);
    let parse_time = started.elapsed();
    assert_eq!(script.program.items.len(), 50_000);
    let started = std::time::Instant::now();
    let mut n = 0;
    walk(&script, &EvalOptions::default(), &mut |_| n += 1);
    assert_eq!(n, 50_000);
    println!(
        "lex {} bytes one line: {one_line_time:?}; parse {} bytes / 50000 lines: {parse_time:?}; walk: {:?}",
        one_line.len(),
        lines.len(),
        started.elapsed()
    );
}

/// Found by `never_panics_on_shell_like_text`: an unclosed `${A[` index ending inside a
/// multi-byte character.
#[test]
fn an_unclosed_parameter_index_before_a_wide_character() {
    for text in ["${A[\u{FFFC}", "${A[é", "x ${BASH_SOURCE[0é}"] {
        let script = Script::parse(text);
        walk(&script, &EvalOptions::default(), &mut |_| {});
    }
}
