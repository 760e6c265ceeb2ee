//! The verdict of a line of plain words without the shell reader is the walk's.

use std::sync::Arc;

use ops_model::RepoPath;
use ops_model::testing::TestRepo;
use ops_syntax::make::Position;
use proptest::prelude::*;

use super::*;

/// A tree where `./ops/make` and an `ops/` script exist: a program that looks like make or
/// the CLI may still run an ops script.
fn repo() -> TestRepo {
    TestRepo::new()
        .script("ops/make", "#!/bin/sh\n")
        .script("ops/stack/scripts/stack-up.sh", "#!/bin/sh\n")
}

fn line(command: &str) -> RecipeLine {
    let text: Arc<str> = Arc::from(command);
    RecipeLine {
        position: Position {
            file: RepoPath::new("Makefile"),
            line: 1,
        },
        raw: text.clone(),
        expanded: text,
        conditional: false,
    }
}

/// (fast verdict, walked verdict) of `command`, each as `Delegates`, `Message` or `Other`.
fn both(cx: &CheckContext<'_>, command: &str) -> (Option<&'static str>, &'static str) {
    let judge = Judge::new(cx);
    let cli = OperatorCli::new(&cx.contract.surface.operator_cli);
    let opts = judge.eval_options(Some(StaticValue::anchored(Anchor::Root, "")));
    let line = line(command);
    let fast = plain_verdict(line.command(), &judge, &cli).map(|p| match p {
        Plain::Delegates => "Delegates",
        Plain::Message => "Message",
    });
    let walked = match judge_walked(cx, &judge, &cli, &opts, &line) {
        Verdict::Delegates => "Delegates",
        Verdict::Message => "Message",
        Verdict::Unknown => "Unknown",
        Verdict::Bad(..) => "Bad",
    };
    (fast, walked)
}

#[test]
fn common_recipes_are_told_without_the_reader() {
    let r = repo();
    let run = r.context();
    let cx = run.cx();
    for (command, want) in [
        ("./bin/atlasctl ops gen run --id 1", Some("Delegates")),
        ("@atlasctl ops stack up --profile=local", Some("Delegates")),
        ("/usr/bin/make -s ops-other", Some("Delegates")),
        ("echo done", Some("Message")),
        ("./ops/make ops-x", None),
        ("bash ops/stack/scripts/stack-up.sh", None),
        ("env A=b atlasctl ops up", None),
        ("PROFILE=ci atlasctl ops up", None),
        ("atlasctl ops up > out.log", None),
        ("kubectl apply -f x", None),
    ] {
        let (fast, walked) = both(&cx, command);
        assert_eq!(fast, want, "{command}");
        if let Some(fast) = fast {
            assert_eq!(fast, walked, "{command}");
        }
    }
}

/// How a line starts: the programs the fast path answers for, and some it must not.
fn head() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "./bin/atlasctl ops",
        "atlasctl ops",
        "atlasctl",
        "make",
        "gmake",
        "/usr/bin/make",
        "./ops/make",
        "echo",
        "printf",
        ":",
        "true",
        "bash",
        "python3",
        "env",
        "sudo",
        "exec",
        "time",
        "if",
        "A=b",
        "kubectl",
        "./ops/stack/scripts/stack-up.sh",
    ])
}

fn word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "./bin/atlasctl",
        "atlasctl",
        "ops",
        "up",
        "--id=3",
        "make",
        "echo",
        "bash",
        "cd",
        "kubectl",
        "A=b",
        "-E",
        "x%y",
        "a,b",
        "@v",
        "+x",
        "ops/stack/scripts/stack-up.sh",
        "\"q\"",
        "$X",
        ";",
        "a;b",
        "|",
        "&&",
        ">",
        "x>y",
        "#",
        "~",
        "*",
        "{",
        "}",
        "!",
        "(",
    ])
}

proptest! {
    /// Whenever the fast path answers, the shell reader and walk answer the same.
    #[test]
    fn plain_verdicts_are_the_walks(
        head in head(),
        words in prop::collection::vec(word(), 0..6),
        tab in any::<bool>(),
    ) {
        let r = repo();
        let run = r.context();
        let cx = run.cx();
        let sep = if tab { "\t" } else { " " };
        let command = std::iter::once(head).chain(words).collect::<Vec<_>>().join(sep);
        let (fast, walked) = both(&cx, &command);
        if let Some(fast) = fast {
            prop_assert_eq!(fast, walked, "{}", command);
        }
    }
}
