//! Builds a [`Workflow`] from a YAML document's node tree.

use ops_model::Span;

use super::{
    EnvVar, Input, Job, Run, RunDefaults, Scope, Setting, Step, Text, Workflow, expressions,
};
use crate::diagnostic::Diagnostic;
use crate::yaml::{Node, NodeKind, ScalarValue, YamlLimits, read_yaml_with};

/// Reads a workflow file. Never fails: a text without a `jobs:` mapping gives an empty
/// workflow, a text that is not YAML an empty one with the error in its diagnostics. Only
/// the first document of a stream is read (GitHub reads no more).
pub fn read_workflow(text: &str) -> Workflow {
    read_workflow_with(text, &YamlLimits::default())
}

/// [`read_workflow`] with the YAML reader's budgets set to `limits` (`[limits.yaml]`).
pub fn read_workflow_with(text: &str, limits: &YamlLimits) -> Workflow {
    let docs = match read_yaml_with(text, limits) {
        Ok(docs) => docs,
        Err(err) => {
            return Workflow {
                diagnostics: vec![Diagnostic::syntax(err.span, err.message)],
                ..Workflow::default()
            };
        }
    };
    let Some(doc) = docs.into_iter().next() else {
        return Workflow::default();
    };
    let root = &doc.root;
    let Some(jobs) = root.get("jobs").filter(|j| j.entries().is_some()) else {
        return Workflow {
            diagnostics: doc.diagnostics,
            ..Workflow::default()
        };
    };
    let defaults = run_defaults(root);
    let jobs = jobs
        .entries()
        .unwrap_or_default()
        .iter()
        .filter_map(|e| Some(job(e.key.key_text()?, e.key.span, &e.value, &defaults)))
        .collect();
    Workflow {
        name: root.get("name").map(text_of),
        env: env(root),
        defaults,
        jobs,
        diagnostics: doc.diagnostics,
    }
}

fn job(id: String, span: Span, node: &Node, workflow: &RunDefaults) -> Job {
    let defaults = run_defaults(node);
    let steps = node
        .get("steps")
        .and_then(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.entries().is_some())
        .map(|(index, s)| step(index, s, &defaults, workflow))
        .collect();
    Job {
        id,
        span,
        name: node.get("name").map(text_of),
        env: env(node),
        uses: node.get("uses").map(text_of),
        with: inputs(node),
        defaults,
        steps,
    }
}

fn step(index: usize, node: &Node, job: &RunDefaults, workflow: &RunDefaults) -> Step {
    let run = node.get("run").map(|n| Run { script: text_of(n) });
    // `defaults.run` and `working-directory` apply to `run:` steps only.
    let resolve = |own: Option<&Node>, pick: fn(&RunDefaults) -> &Option<Text>| {
        run.as_ref()?;
        own.map(|n| setting(text_of(n), Scope::Step))
            .or_else(|| pick(job).clone().map(|t| setting(t, Scope::Job)))
            .or_else(|| pick(workflow).clone().map(|t| setting(t, Scope::Workflow)))
    };
    let working_directory = resolve(node.get("working-directory"), |d| &d.working_directory);
    let shell = resolve(node.get("shell"), |d| &d.shell);
    Step {
        index,
        span: node.span,
        id: node.get("id").map(text_of),
        name: node.get("name").map(text_of),
        uses: node.get("uses").map(text_of),
        with: inputs(node),
        env: env(node),
        working_directory,
        shell,
        run,
    }
}

fn setting(value: Text, from: Scope) -> Setting {
    Setting { value, from }
}

fn run_defaults(node: &Node) -> RunDefaults {
    let run = node.get("defaults").and_then(|d| d.get("run"));
    RunDefaults {
        shell: run.and_then(|r| r.get("shell")).map(text_of),
        working_directory: run.and_then(|r| r.get("working-directory")).map(text_of),
    }
}

fn env(node: &Node) -> Vec<EnvVar> {
    pairs(node.get("env"))
        .map(|(name, span, value)| EnvVar { name, span, value })
        .collect()
}

fn inputs(node: &Node) -> Vec<Input> {
    pairs(node.get("with"))
        .map(|(name, span, value)| Input { name, span, value })
        .collect()
}

/// The (key, key position, value) entries of a mapping; nothing for anything else (an
/// `env: ${{ fromJSON(...) }}` expression, say).
fn pairs(node: Option<&Node>) -> impl Iterator<Item = (String, Span, Text)> + '_ {
    node.and_then(Node::entries)
        .unwrap_or_default()
        .iter()
        .filter_map(|e| Some((e.key.key_text()?, e.key.span, text_of(&e.value))))
}

/// A node as workflow text: a scalar's text (a number or boolean as written, a null as the
/// empty string), a collection as compact JSON, an unknown node as the empty string.
fn text_of(node: &Node) -> Text {
    let (value, span, scalar) = match &node.kind {
        NodeKind::Scalar(s) if s.value == ScalarValue::Null => (String::new(), s.content, None),
        NodeKind::Scalar(s) => (s.text.clone(), s.content, Some(s.clone())),
        NodeKind::Sequence(_) | NodeKind::Mapping(_) => {
            (node.key_text().unwrap_or_default(), node.span, None)
        }
        NodeKind::Unknown => (String::new(), node.span, None),
    };
    Text {
        expressions: expressions(&value),
        value,
        span,
        scalar,
    }
}
