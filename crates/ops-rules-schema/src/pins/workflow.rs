//! Pins in GitHub Actions workflows, read by [`ops_syntax::workflow`]: the version input of
//! a tool's setup action, and the shell of every `run:` step. (Env maps, container and
//! service images are read as structured data, see [`super::structured`].)
//!
//! A step `uses: <owner>/<repo>@<ref>` sets a tool up when `<repo>` without a `setup-`
//! prefix and an `-action` suffix names the tool: `azure/setup-helm` (helm),
//! `grafana/setup-k6-action` (k6), `helm/kind-action` (kind), `actions/setup-python`
//! (python). The owner is not the tool (`helm/kind-action` sets up kind, not helm), and the
//! action's own ref (`@v4`, `@v1.10.0`) is the action's version, not the tool's. Its
//! `with:` input `version` (or `<tool>-version`, `<tool>_version`) is then the tool's pin,
//! unless it holds an expression (`${{ vars.K6_VERSION }}`).

use ops_model::Span;
use ops_syntax::shell::Mode;
use ops_syntax::workflow::{Text, Workflow};

use super::shell;
use super::table::{ToolTable, key};
use super::version::is_version;

/// A pin found in a workflow: the tool, the version and where it is written.
pub(super) struct Found {
    pub tool: usize,
    pub value: String,
    pub span: Span,
}

/// The tool an action sets up, from its `uses:` (`owner/repo[/path]@ref`).
pub(super) fn action_tool(table: &ToolTable, uses: &str) -> Option<usize> {
    let name = uses.split('@').next()?;
    let repo = key(name.split('/').nth(1)?);
    let repo = repo.strip_prefix("setup-").unwrap_or(&*repo);
    let repo = repo.strip_suffix("-action").unwrap_or(repo);
    table.tool(repo)
}

/// The setup actions' version inputs and the `run:` steps' pins.
pub(super) fn pins(table: &ToolTable, workflow: &Workflow) -> Vec<Found> {
    let mut out = Vec::new();
    let steps = workflow.jobs.iter().flat_map(|j| &j.steps);
    for step in steps {
        if let Some(uses) = step.uses.as_ref().filter(|u| !u.has_expressions())
            && let Some(tool) = action_tool(table, &uses.value)
        {
            let names: Vec<&str> = table.names_of(tool).collect();
            let is_version_input = |input: &str| {
                let input = key(input);
                input == "version"
                    || input
                        .strip_suffix("-version")
                        .is_some_and(|n| names.contains(&n))
            };
            for input in &step.with {
                if is_version_input(&input.name) {
                    push(&mut out, tool, &input.value, 0, input.value.value.clone());
                }
            }
        }
        if let Some(run) = &step.run {
            for f in shell::script(table, &run.script.value, Mode::Fragment) {
                push(&mut out, f.tool, &run.script, f.offset, f.value);
            }
        }
    }
    out
}

fn push(out: &mut Vec<Found>, tool: usize, text: &Text, offset: usize, value: String) {
    if text.has_expressions() || !is_version(&value) {
        return;
    }
    out.push(Found {
        tool,
        value,
        span: text.span_at(offset),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;
    use ops_syntax::workflow::read_workflow;

    #[test]
    fn setup_actions_and_run_steps() {
        let repo = TestRepo::new().file(
            "configs/ops/tool-versions.json",
            r#"{"helm": "v3.14.4", "k6": "v0.50.0", "kind": "v0.22.0", "python": "3.11.4"}"#,
        );
        let table = ToolTable::of(&repo.context().cx());
        let text = "on: push\njobs:\n  ci:\n    steps:\n\
                    \x20     - uses: azure/setup-helm@v4\n        with:\n          version: v3.14.0\n\
                    \x20     - uses: helm/kind-action@v1.10.0\n        with:\n          cluster_name: ci\n\
                    \x20     - uses: grafana/setup-k6-action@v1\n        with:\n          k6-version: ${{ vars.K6_VERSION }}\n\
                    \x20     - uses: actions/setup-python@v5\n        with:\n          python-version: \"3.12\"\n\
                    \x20     - run: |\n          KIND_VERSION=v0.21.0 make up\n";
        let found: Vec<(String, String, u32, u32)> = pins(&table, &read_workflow(text))
            .into_iter()
            .map(|f| {
                (
                    table.tools[f.tool].name.clone(),
                    f.value,
                    f.span.line,
                    f.span.column,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("helm".into(), "v3.14.0".into(), 7, 20),
                ("python".into(), "3.12".into(), 16, 28),
                ("kind".into(), "v0.21.0".into(), 18, 24),
            ]
        );
        assert_eq!(
            action_tool(&table, "helm/kind-action@v1.10.0"),
            table.tool("kind")
        );
        assert_eq!(action_tool(&table, "azure/setup-kubectl@v4"), None);
    }
}
