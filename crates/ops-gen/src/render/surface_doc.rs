//! `docs/_generated/ops-surface.md`: the entrypoints, what their recipes run, deprecations.

use ops_model::CheckContext;

use super::{banner, code};
use ops_rules_surface::model::SurfaceModel;
use ops_rules_surface::surface_file::SurfaceDecl;
use ops_syntax::has_unknown_mark;

pub fn render(cx: &CheckContext<'_>, decl: &SurfaceDecl, make: &SurfaceModel) -> String {
    let mut out = String::new();
    out.push_str("# ops surface\n\n");
    out.push_str(&banner(&format!(
        "`{}` and `{}`",
        decl.path, cx.contract.surface.makefile
    )));
    out.push_str("\n\nStable operator entrypoints. Run them with `make <target>`.\n\n");
    if decl.entrypoints.is_empty() {
        out.push_str("No entrypoints are declared.\n");
    } else {
        out.push_str("| target | runs | defined in |\n|---|---|---|\n");
        for e in &decl.entrypoints {
            let name = if decl.is_deprecated(&e.name) {
                format!("{} (deprecated)", code(&e.name))
            } else {
                code(&e.name)
            };
            let (runs, files) = runs(make, &e.name);
            out.push_str(&format!("| {name} | {runs} | {files} |\n"));
        }
    }
    out.push_str("\n## Deprecated\n\n");
    if decl.deprecated.is_empty() {
        out.push_str("No entrypoint is deprecated.\n");
    } else {
        out.push_str("| target | since | replacement |\n|---|---|---|\n");
        for d in &decl.deprecated {
            let since = d.since.as_deref().unwrap_or("-");
            let replacement = d.replacement.as_deref().map_or("-".to_string(), code);
            out.push_str(&format!(
                "| {} | {} | {replacement} |\n",
                code(&d.target),
                code(since)
            ));
        }
    }
    out
}

/// The commands a target's recipes run (as make hands them to the shell: variables and
/// functions expanded, make prefixes and comments dropped; a line with a part that is not
/// known statically as written), and the makefiles that define it.
fn runs(make: &SurfaceModel, target: &str) -> (String, String) {
    let rules = make.rules_for(target);
    if rules.is_empty() {
        return ("(no rule)".into(), "-".into());
    }
    let mut commands = Vec::new();
    let mut files: Vec<String> = Vec::new();
    for rule in rules.iter() {
        let path = code(rule.position.file.as_str());
        if !files.contains(&path) {
            files.push(path);
        }
        for p in rule.prerequisites.iter() {
            commands.push(code(&format!("make {p}")));
        }
        for line in rule.recipe.iter().filter(|l| !l.is_comment()) {
            let command = line.command();
            let shown = if has_unknown_mark(command) {
                line.raw
                    .trim_start_matches(['@', '-', '+', ' ', '\t'])
                    .trim_end()
            } else {
                command
            };
            commands.push(code(shown));
        }
    }
    let runs = if commands.is_empty() {
        "(nothing)".to_string()
    } else {
        commands.join("<br>")
    };
    (runs, files.join(", "))
}
