use ops_model::Span;
use proptest::prelude::*;

use super::*;
use crate::yaml::ScalarStyle;

/// (line, column, text) of every line of every `run:`.
fn run_lines(w: &Workflow) -> Vec<(u32, u32, String)> {
    w.jobs
        .iter()
        .flat_map(|j| &j.steps)
        .filter_map(|s| s.run.as_ref())
        .flat_map(|r| r.lines())
        .map(|l| (l.span.line, l.span.column, l.text.to_string()))
        .collect()
}

const STACK: &str = "name: stack
on:
  push:
defaults:
  run:
    shell: bash
jobs:
  up:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Bring the stack up
        working-directory: ops/stack/scripts
        run: ./stack-up.sh
  down:
    runs-on: ubuntu-latest
    defaults: {run: {working-directory: ops/stack/scripts}}
    steps:
      - run: ./stack-down.sh
      - run: ./x.sh
        working-directory: elsewhere
";

#[test]
fn stack_workflow_working_directories() {
    // Input 6 of the issue: a step's own directory, and a job's `defaults.run`.
    let w = read_workflow(STACK);
    assert!(w.diagnostics.is_empty(), "{:?}", w.diagnostics);
    assert_eq!(w.jobs.len(), 2);
    let up = &w.jobs[0].steps[1];
    let down = &w.jobs[1].steps[0];
    let dir = |s: &Step| {
        s.working_directory
            .as_ref()
            .map(|d| (d.value.value.clone(), d.from, d.value.span))
    };
    assert_eq!(
        dir(up),
        Some(("ops/stack/scripts".into(), Scope::Step, Span::new(13, 28)))
    );
    assert_eq!(
        dir(down),
        Some(("ops/stack/scripts".into(), Scope::Job, Span::new(17, 41)))
    );
    assert_eq!(
        dir(&w.jobs[1].steps[1]).map(|d| (d.0, d.1)),
        Some(("elsewhere".into(), Scope::Step))
    );
    // No directory for a `uses:` step.
    assert_eq!(w.jobs[0].steps[0].working_directory, None);
    assert_eq!(
        run_lines(&w)[..2],
        [
            (14, 14, "./stack-up.sh".to_string()),
            (19, 14, "./stack-down.sh".to_string())
        ]
    );
    // The workflow's shell reaches every run step.
    let shell = up.shell.as_ref().unwrap();
    assert_eq!(
        (shell.value.value.as_str(), shell.from),
        ("bash", Scope::Workflow)
    );
    assert_eq!(w.jobs[1].id, "down");
    assert_eq!(w.jobs[1].span, Span::new(15, 3));
    assert_eq!(w.name.as_ref().unwrap().value, "stack");
}

#[test]
fn run_scalars_as_the_runner_gets_them() {
    let text = "jobs:\n  a:\n    steps:\n      - run: make ops-up\n      - name: x\n        run: |\n          echo hi\n\n          bash ops/k8s/scripts/x.sh\n        env: {}\n      - run: \"bash ops/a.sh\" \n      - uses: x\n        with:\n          rerun: no\n      - run: >\n          helm upgrade --install atlas\n          ops/k8s/charts/atlas\n          --wait\n\n          echo done\n      - run: 'it''s'\n";
    let w = read_workflow(text);
    assert_eq!(
        run_lines(&w),
        [
            (4, 14, "make ops-up".to_string()),
            (7, 11, "echo hi".to_string()),
            (9, 11, "bash ops/k8s/scripts/x.sh".to_string()),
            (11, 15, "bash ops/a.sh".to_string()),
            (
                16,
                11,
                "helm upgrade --install atlas ops/k8s/charts/atlas --wait".to_string()
            ),
            (20, 11, "echo done".to_string()),
            (21, 15, "it's".to_string()),
        ]
    );
    let folded = w.jobs[0].steps[4].run.as_ref().unwrap();
    assert_eq!(folded.script.scalar().unwrap().style, ScalarStyle::Folded);
    let at = folded.script.value.find("ops/k8s").unwrap();
    assert_eq!(folded.script.span_at(at), Span::new(17, 11));
    let at = folded.script.value.find("--wait").unwrap();
    assert_eq!(folded.script.span_at(at + 2), Span::new(18, 13));
    // `rerun: no` is the string "no" in YAML 1.2.
    assert_eq!(w.jobs[0].steps[3].with[0].value.value, "no");
}

#[test]
fn uses_with_inputs_and_env_levels() {
    let text = "on: push\nenv:\n  HELM_VERSION: v3.14.4\njobs:\n  deploy:\n    env: {KUBECONFIG: /tmp/kc}\n    steps:\n      - name: install helm\n        uses: azure/setup-helm@v4\n        with:\n          version: v3.14.0\n          token: ${{ secrets.GITHUB_TOKEN }}\n        env:\n          A: \"1\"\n          B: 3.10\n";
    let w = read_workflow(text);
    assert_eq!(w.env.len(), 1);
    assert_eq!(
        (w.env[0].name.as_str(), w.env[0].span, w.env[0].value.span),
        ("HELM_VERSION", Span::new(3, 3), Span::new(3, 17))
    );
    let job = &w.jobs[0];
    assert_eq!(
        (job.env[0].name.as_str(), job.env[0].value.value.as_str()),
        ("KUBECONFIG", "/tmp/kc")
    );
    let step = &job.steps[0];
    let uses = step.uses.as_ref().unwrap();
    assert_eq!(
        (uses.value.as_str(), uses.span),
        ("azure/setup-helm@v4", Span::new(9, 15))
    );
    let with: Vec<_> = step
        .with
        .iter()
        .map(|i| {
            (
                i.name.as_str(),
                i.span,
                i.value.value.as_str(),
                i.value.span,
            )
        })
        .collect();
    assert_eq!(
        with,
        [
            ("version", Span::new(11, 11), "v3.14.0", Span::new(11, 20)),
            (
                "token",
                Span::new(12, 11),
                "${{ secrets.GITHUB_TOKEN }}",
                Span::new(12, 18)
            ),
        ]
    );
    assert!(!step.with[0].value.has_expressions());
    assert_eq!(step.with[1].value.expressions, vec![0..27_usize; 1]);
    // Values as written; YAML reads 3.10 as a number (GitHub would pass "3.1").
    let b = &step.env[1].value;
    assert_eq!(b.value, "3.10");
    assert_eq!(
        b.scalar().unwrap().value,
        crate::yaml::ScalarValue::Float(3.1)
    );
    assert_eq!(step.working_directory, None);
}

#[test]
fn workflow_defaults_and_expressions_in_run() {
    let text = "defaults:\n  run:\n    working-directory: ops\n    shell: sh\njobs:\n  a:\n    defaults:\n      run:\n        shell: bash\n    steps:\n      - run: echo ${{ matrix.x }} && ./go.sh\n        shell: pwsh\n      - run: ./b.sh\n";
    let w = read_workflow(text);
    let steps = &w.jobs[0].steps;
    let wd = steps[0].working_directory.as_ref().unwrap();
    assert_eq!((wd.value.value.as_str(), wd.from), ("ops", Scope::Workflow));
    let shells: Vec<_> = steps
        .iter()
        .map(|s| s.shell.as_ref().map(|x| (x.value.value.clone(), x.from)))
        .collect();
    assert_eq!(
        shells,
        [
            Some(("pwsh".into(), Scope::Step)),
            Some(("bash".into(), Scope::Job))
        ]
    );
    let run = &steps[0].run.as_ref().unwrap().script;
    assert_eq!(run.expressions.len(), 1);
    assert_eq!(run.expressions[0], 5..20);
    assert_eq!(&run.value[run.expressions[0].clone()], "${{ matrix.x }}");
    assert_eq!(w.defaults.shell.as_ref().unwrap().value, "sh");
}

#[test]
fn not_a_workflow_is_empty() {
    for text in [
        "",
        "name: x\n",
        "jobs: 3\n",
        "- a\n",
        "jobs:\n  - a\n",
        "k: v\n---\njobs: {}\n",
    ] {
        let w = read_workflow(text);
        assert!(w.jobs.is_empty(), "{text}");
        assert!(w.diagnostics.is_empty(), "{text}");
    }
    let w = read_workflow("jobs: [\n");
    assert!(w.jobs.is_empty());
    assert_eq!(w.diagnostics.len(), 1);
    assert_eq!(
        w.diagnostics[0].kind,
        crate::diagnostic::DiagnosticKind::Syntax
    );
    // Odd shapes inside a workflow are skipped, not errors.
    let w = read_workflow(
        "jobs:\n  a: 3\n  b:\n    steps: [1, {run: x}]\n    env: ${{ fromJSON(x) }}\n",
    );
    assert_eq!(w.jobs.len(), 2);
    assert_eq!(w.jobs[1].steps.len(), 1);
    assert_eq!(w.jobs[1].steps[0].index, 1);
    assert!(w.jobs[1].env.is_empty());
}

#[test]
fn anchors_and_merges_in_workflows() {
    let text = "x-dir: &dir {working-directory: ops/x}\njobs:\n  a:\n    steps:\n      - <<: *dir\n        run: |\n          ./a.sh\n";
    let w = read_workflow(text);
    let s = &w.jobs[0].steps[0];
    assert_eq!(s.working_directory.as_ref().unwrap().value.value, "ops/x");
    assert_eq!(run_lines(&w), [(7, 11, "./a.sh".to_string())]);
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        let w = read_workflow(&text);
        for j in &w.jobs {
            for s in &j.steps {
                if let Some(r) = &s.run { let _ = r.lines(); }
            }
        }
    }

    #[test]
    fn never_panics_on_workflow_like_text(
        text in proptest::collection::vec(
            prop_oneof![
                Just("jobs:\n"), Just("  a:\n"), Just("    steps:\n"), Just("      - run: "),
                Just("|\n"), Just(">\n"), Just("        "), Just("echo ${{ x }}"), Just("${{"),
                Just("working-directory: "), Just("defaults:\n"), Just("run:\n"), Just("\n"),
                Just("uses: a@v1\n"), Just("with:\n"), Just("env:\n"), Just("'"), Just("\""),
                Just("&a "), Just("*a"), Just("<<: "), Just("é"), Just("- "),
            ],
            0..60,
        ).prop_map(|v| v.concat())
    ) {
        let w = read_workflow(&text);
        for j in &w.jobs {
            for s in &j.steps {
                if let Some(r) = &s.run {
                    for l in r.lines() {
                        prop_assert!(l.span.line >= 1);
                        for i in 0..=l.text.len() {
                            let _ = r.script.span_at(l.offset + i);
                        }
                    }
                }
            }
        }
    }
}
