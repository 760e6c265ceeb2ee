//! LAY006: the canonical fault injection API exists, and no other domain ships its own.

use ops_model::contract::NameGlobs;
use ops_model::{CheckContext, Entry, Finding, RepoPath, Rule, RuleMeta, Severity, declare_rule};

declare_rule! {
    /// The canonical fault injection API exists at its configured path; no other domain
    /// ships a fault injection implementation.
    pub FaultInjectionOwner {
        code: "LAY006",
        slug: "fault-injection-owner",
        clause: "`ops/stack/` owns the canonical fault injection API at `packages/atlasctl/src/atlasctl/commands/ops/stack/faults/inject.py`.",
        severity: Error,
        summary: "the canonical fault injection API exists, and no other domain ships its own fault injection implementation",
        explanation: r#"## What

Two checks:

1. The canonical fault injection API (`layout.fault_injection_api`, default
   `packages/atlasctl/src/atlasctl/commands/ops/stack/faults/inject.py`) exists as a file.
   Set the key to `""` in a repository that has no fault injection at all.
2. No implementation file outside the owning domain (`layout.fault_injection_owner`,
   default `stack`) looks like fault injection. Two trees are searched:
   - `ops/`, every top-level directory except `ops/stack/` (reserved directories such as
     `ops/_lib/` included: a shared helper that injects faults is still a second
     implementation);
   - the operator CLI's command tree, found from the API path (the part before
     `/stack/`, by default `packages/atlasctl/src/atlasctl/commands/ops/`), every domain
     except `stack/`.

## Heuristics

A file "looks like fault injection" when its path below its domain directory, lower-cased,
matches one of `layout.fault_injection_patterns` (default `*fault*inject*` and
`*inject*fault*`, where `*` also crosses `/`): `ops/k8s/scripts/fault-inject.sh`,
`ops/obs/chaos/inject_faults.py` and `.../commands/ops/k8s/faults/inject.py` all match. Only
implementation files count: those with an extension in `layout.fault_injection_extensions`
(default `sh bash py js ts go rb pl`) or none at all. Schemas, manifests and documents that
describe fault injection are not implementations and are not reported. A file that injects
faults under a name that does not say so is not found; the rule cannot read intent.

Severity: a missing API file is certain, an `error`. A second implementation is inferred from
a name, so it is a `warning`: `fault-inject-docs.sh` or a test helper that only calls the
canonical API matches the pattern too, and only a reader can tell.

## Why

Fault injection is dangerous to get subtly wrong: two implementations drift apart, and a
drill that passes with one proves nothing about the other. The contract gives it one owner
and one API so every drill, in every domain, injects faults the same way.

## Fix

Call the canonical API (through the operator CLI) from the other domain and delete its own
implementation, or move the code into the owning domain. If the canonical API lives
elsewhere in this repository, set `layout.fault_injection_api`.
"#,
    }
}

impl Rule for FaultInjectionOwner {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let layout = &cx.contract.layout;
        let api = layout.fault_injection_api.trim_matches('/');
        let mut findings = Vec::new();
        if !api.is_empty() && !cx.index.is_file(api) {
            let problem = if cx.index.contains(api) {
                "is not a regular file"
            } else {
                "does not exist"
            };
            findings.push(
                Finding::new(&Self::META, api, format!("the canonical fault injection API `{api}` {problem}"))
                    .help(format!(
                        "create `{api}` (owned by `{}`), or set `layout.fault_injection_api` to where the API lives",
                        cx.contract.ops_path(&layout.fault_injection_owner)
                    )),
            );
        }
        let patterns = &layout.fault_injection_patterns;
        let mut roots = vec![cx.contract.ops_path("")];
        roots.extend(commands_root(api, &layout.fault_injection_owner));
        for root in roots {
            findings.extend(
                cx.index
                    .files_under(&root)
                    .filter(|e| e.path.as_str() != api)
                    .filter_map(|e| judge(cx, &root, patterns, e, api)),
            );
        }
        findings
    }
}

/// The directory that holds one sub-directory per domain in the operator CLI, taken from the
/// API path: everything before `/<owner>/`.
fn commands_root(api: &str, owner: &str) -> Option<String> {
    let path = RepoPath::new(api);
    let parts: Vec<&str> = path.components().collect();
    let at = parts.iter().rposition(|p| *p == owner)?;
    (at > 0 && at + 1 < parts.len()).then(|| parts[..at].join("/"))
}

fn judge(
    cx: &CheckContext<'_>,
    root: &str,
    patterns: &NameGlobs,
    entry: &Entry,
    api: &str,
) -> Option<Finding> {
    let layout = &cx.contract.layout;
    let rest = entry.path.strip_prefix(root)?;
    let (top, below) = rest.split_once('/')?;
    if top == layout.fault_injection_owner {
        return None;
    }
    let is_code = match entry.path.extension() {
        None => true,
        Some(ext) => layout
            .fault_injection_extensions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ext)),
    };
    if !is_code {
        return None;
    }
    let pattern = patterns.first_match(&below.to_lowercase())?;
    let owner = &layout.fault_injection_owner;
    let api_hint = if api.is_empty() {
        format!("the `{owner}` domain")
    } else {
        format!("the canonical API `{api}`")
    };
    Some(
        Finding::new(
            &FaultInjectionOwner::META,
            entry.path.clone(),
            format!(
                "`{}` looks like a fault injection implementation in `{top}`, but `{owner}` owns fault injection (name matches `{pattern}`)",
                entry.path
            ),
        )
        .severity(Severity::Warning)
        .help(format!("call {api_hint} through the operator CLI and delete this copy, or move the code into `{}`", cx.contract.ops_path(owner))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::Contract;
    use ops_model::testing::TestRepo;

    const API: &str = "packages/atlasctl/src/atlasctl/commands/ops/stack/faults/inject.py";

    fn base() -> TestRepo {
        TestRepo::new()
            .file(API, "def inject(): ...\n")
            .file(
                "ops/stack/scripts/inject-fault.sh",
                "atlasctl ops stack faults inject\n",
            )
            .file("ops/_schemas/fault-injection.v1.schema.json", "{}")
            .file("ops/obs/drills/fault-injection.md", "# drill\n")
            .file("ops/k8s/scripts/render-chart.sh", "")
    }

    #[test]
    fn owner_and_descriptions_are_fine() {
        assert!(base().context().run(&FaultInjectionOwner).is_empty());
    }

    #[test]
    fn missing_api_is_reported() {
        let repo = TestRepo::new().file("ops/k8s/x.sh", "");
        assert_eq!(
            repo.context().run_lines(&FaultInjectionOwner),
            [format!(
                "{API}: the canonical fault injection API `{API}` does not exist"
            )]
        );
        let mut contract = Contract::default();
        contract.layout.fault_injection_api = String::new();
        assert!(
            repo.context_with(contract)
                .run(&FaultInjectionOwner)
                .is_empty()
        );
    }

    #[test]
    fn implementations_in_other_domains_are_reported() {
        let repo = base()
            .file("ops/k8s/scripts/fault-inject.sh", "")
            .file("ops/obs/chaos/Inject_Faults.py", "")
            .file("ops/_lib/faults/injector.sh", "")
            .file(
                "packages/atlasctl/src/atlasctl/commands/ops/k8s/faults/inject.py",
                "",
            )
            .file(
                "packages/atlasctl/src/atlasctl/commands/ops/stack/faults/inject_helpers.py",
                "",
            );
        let lines = repo.context().run_lines(&FaultInjectionOwner);
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert_eq!(
            lines[0],
            "ops/_lib/faults/injector.sh: `ops/_lib/faults/injector.sh` looks like a fault injection implementation in `_lib`, but `stack` owns fault injection (name matches `*fault*inject*`)"
        );
        assert!(lines[1].starts_with("ops/k8s/scripts/fault-inject.sh: "));
        assert!(
            lines[2].contains("in `obs`") && lines[2].ends_with("(name matches `*inject*fault*`)")
        );
        assert!(
            lines[3]
                .starts_with("packages/atlasctl/src/atlasctl/commands/ops/k8s/faults/inject.py: ")
        );
        let findings = repo.context().run(&FaultInjectionOwner);
        // Inferred from a name: a warning.
        assert!(findings.iter().all(|f| f.severity == Severity::Warning));
        assert_eq!(
            findings[1].help.as_deref(),
            Some(format!("call the canonical API `{API}` through the operator CLI and delete this copy, or move the code into `ops/stack`").as_str())
        );
    }

    #[test]
    fn commands_root_is_derived_from_the_api_path() {
        assert_eq!(
            commands_root(API, "stack").as_deref(),
            Some("packages/atlasctl/src/atlasctl/commands/ops")
        );
        assert_eq!(commands_root("tools/inject.py", "stack"), None);
        assert_eq!(commands_root("stack/inject.py", "stack"), None);
    }
}
