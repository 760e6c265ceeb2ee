//! Synthetic single-dimension inputs for `--scaling`: the fixture once, plus many items of
//! one kind a rule iterates over (surface entrypoints, make targets, makefile includes,
//! allowlist entries, manifests, schemas). Each tree is valid and consistent, so its cost is
//! the cost of checking the items, not of reporting a finding per item.

use std::fmt::Write as _;
use std::path::Path;

use super::tree::{self, ALINT_CONFIG, Fixture, Tree, Writer};

/// One input dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    /// Entries of `ops/_meta/surface.json`, with their `ops/INDEX.md` rows, make targets
    /// (thin wrappers) and rows of the generated surface doc.
    Entrypoints,
    /// Make targets with recipes, in one makefile the root Makefile includes.
    Targets,
    /// Makefiles the root Makefile includes, each with a variable and a target.
    Includes,
    /// Entries of `configs/ops/artifacts-allowlist.txt`, each with a reason comment.
    Allowlist,
    /// Dataset manifests bound to their schema by `$schema`, all valid.
    Manifests,
    /// Versioned JSON Schemas under `ops/_schemas/`.
    Schemas,
    /// Manifests that claim no schema, each bound by inference to the one schema of its
    /// domain's folder that its name starts with: as many schemas as manifests, in one
    /// folder, so that a cost in manifests x schemas shows as 100x for 10x items.
    Unclaimed,
}

impl Dimension {
    pub const ALL: [Dimension; 7] = [
        Dimension::Entrypoints,
        Dimension::Targets,
        Dimension::Includes,
        Dimension::Allowlist,
        Dimension::Manifests,
        Dimension::Schemas,
        Dimension::Unclaimed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dimension::Entrypoints => "entrypoints",
            Dimension::Targets => "make targets",
            Dimension::Includes => "includes",
            Dimension::Allowlist => "allowlist entries",
            Dimension::Manifests => "manifests",
            Dimension::Schemas => "schemas",
            Dimension::Unclaimed => "unclaimed manifests",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Dimension::Entrypoints => "entrypoints",
            Dimension::Targets => "targets",
            Dimension::Includes => "includes",
            Dimension::Allowlist => "allowlist",
            Dimension::Manifests => "manifests",
            Dimension::Schemas => "schemas",
            Dimension::Unclaimed => "unclaimed",
        }
    }

    /// The item counts compared: 1x and 10x. The 1x counts are large enough that their
    /// items cost a tenth of a second or more over the base tree on a two-core machine:
    /// with 1x points of 0.005 to 0.06 s (the counts before `DIMS_VERSION` 4) the marginal
    /// growth divided noise by noise, and its verdict swapped from run to run.
    pub fn sizes(self) -> (usize, usize) {
        match self {
            Dimension::Entrypoints => (20_000, 200_000),
            Dimension::Targets => (20_000, 200_000),
            Dimension::Includes => (2_000, 20_000),
            Dimension::Allowlist => (20_000, 200_000),
            Dimension::Manifests => (10_000, 100_000),
            Dimension::Schemas => (3_000, 30_000),
            Dimension::Unclaimed => (3_000, 30_000),
        }
    }

    /// Adds `n` items to a tree that holds `fixture`.
    pub fn add(self, fixture: &Fixture, n: usize, w: &mut Writer) -> Result<(), String> {
        match self {
            Dimension::Entrypoints => entrypoints(fixture, n, w),
            Dimension::Targets => targets(fixture, n, w),
            Dimension::Includes => includes(fixture, n, w),
            Dimension::Allowlist => allowlist(fixture, n, w),
            Dimension::Manifests => manifests(fixture, n, w),
            Dimension::Schemas => schemas(n, w),
            Dimension::Unclaimed => unclaimed(n, w),
        }
    }
}

/// The version of the dimension generators, recorded with each dimension tree: a tree made
/// by an older generator is rebuilt. 3: the entrypoints and make-targets dimensions raise
/// the file budgets so that their generated files are read ([`room_to_read`]). 4: larger
/// 1x counts ([`Dimension::sizes`]); the includes dimension raises `max_includes`, the
/// allowlist dimension the file budget (its 10x list is 19 MB).
const DIMS_VERSION: u32 = 4;

/// The fixture alone (the base every dimension is compared against).
pub fn base_tree(workspace: &Path, fixture: &Fixture, regenerate: bool) -> Result<Tree, String> {
    tree::cached(
        workspace,
        &format!("dim-{}-base", fixture.name),
        &fixture.fingerprint,
        regenerate,
        |root| write_with(root, fixture, None),
    )
}

/// The fixture plus `n` items of `dim`.
pub fn dim_tree(
    workspace: &Path,
    fixture: &Fixture,
    dim: Dimension,
    n: usize,
    regenerate: bool,
) -> Result<Tree, String> {
    let key = format!("dim-{}-{}-{n}", fixture.name, dim.key());
    let built_from = format!("{} dims-v{DIMS_VERSION}", fixture.fingerprint);
    tree::cached(workspace, &key, &built_from, regenerate, |root| {
        write_with(root, fixture, Some((dim, n)))
    })
}

fn write_with(
    root: &Path,
    fixture: &Fixture,
    add: Option<(Dimension, usize)>,
) -> Result<(usize, u64), String> {
    let mut w = Writer::new(root);
    fixture.for_each_file(0, |p, b| w.write(p, b))?;
    w.write(".alint.yml", ALINT_CONFIG.as_bytes())?;
    if let Some((dim, n)) = add {
        dim.add(fixture, n, &mut w)?;
    }
    Ok((w.files, w.bytes))
}

fn text(fixture: &Fixture, path: &str) -> String {
    fixture
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .unwrap_or_default()
}

const DOMAINS: [&str; 6] = ["stack", "k8s", "obs", "load", "datasets", "e2e"];

/// Appends `include FILE` lines to the root Makefile.
fn include_in_makefile(fixture: &Fixture, files: &[String], w: &mut Writer) -> Result<(), String> {
    let mut makefile = text(fixture, "Makefile");
    makefile.push('\n');
    for f in files {
        let _ = writeln!(makefile, "include {f}");
    }
    w.write("Makefile", makefile.as_bytes())
}

/// `.PHONY:` lines of at most 16 names each.
fn phony(names: &[String]) -> String {
    names
        .chunks(16)
        .map(|c| format!(".PHONY: {}\n", c.join(" ")))
        .collect()
}

fn entrypoints(fixture: &Fixture, n: usize, w: &mut Writer) -> Result<(), String> {
    let names: Vec<String> = (1..=n).map(|i| format!("ops-gen-{i:06}")).collect();

    let surface_text = text(fixture, "ops/_meta/surface.json");
    let mut surface: serde_json::Value = serde_json::from_str(&surface_text)
        .unwrap_or_else(|_| serde_json::json!({ "schema_version": 1, "entrypoints": [] }));
    let list = surface
        .get_mut("entrypoints")
        .and_then(|e| e.as_array_mut())
        .ok_or("ops/_meta/surface.json has no entrypoints array")?;
    for (i, name) in names.iter().enumerate() {
        list.push(serde_json::json!({
            "name": name,
            "domain": DOMAINS[i % DOMAINS.len()],
            "description": format!("Generated entrypoint {}.", i + 1),
            "since": "1.0.0",
        }));
    }
    let mut json = serde_json::to_string_pretty(&surface).map_err(|e| e.to_string())?;
    json.push('\n');
    w.write("ops/_meta/surface.json", json.as_bytes())?;

    let mut index = text(fixture, "ops/INDEX.md");
    index.push_str("\n## Generated entrypoints\n\n| target | what it does |\n|---|---|\n");
    for (i, name) in names.iter().enumerate() {
        let _ = writeln!(index, "| `{name}` | generated entrypoint {} |", i + 1);
    }
    w.write("ops/INDEX.md", index.as_bytes())?;

    let mut mk = String::from("# Generated operator entrypoints: thin wrappers over the CLI.\n\n");
    mk.push_str(&phony(&names));
    for (i, name) in names.iter().enumerate() {
        let _ = write!(mk, "\n{name}:\n\t$(ATLASCTL) ops gen run --id {}\n", i + 1);
    }
    w.write("makefiles/surface-gen.mk", mk.as_bytes())?;
    include_in_makefile(fixture, &["makefiles/surface-gen.mk".into()], w)?;
    room_to_read(fixture, json.len().max(mk.len()), 0, w)?;

    // The generated surface doc lists every entrypoint: add rows after its last table row.
    let doc_path = "docs/_generated/ops-surface.md";
    let doc = text(fixture, doc_path);
    let mut rows = String::new();
    for (i, name) in names.iter().enumerate() {
        let domain = DOMAINS[i % DOMAINS.len()];
        let _ = writeln!(
            rows,
            "| `{name}` | {domain} | Generated entrypoint {}. | 1.0.0 |",
            i + 1
        );
    }
    let lines: Vec<&str> = doc.lines().collect();
    let mut out = String::new();
    match lines.iter().rposition(|l| l.starts_with("| `")) {
        Some(last) => {
            for (k, line) in lines.iter().enumerate() {
                out.push_str(line);
                out.push('\n');
                if k == last {
                    out.push_str(&rows);
                }
            }
        }
        None => {
            out.push_str(&doc);
            out.push_str("\n| target | domain | description | since |\n|---|---|---|---|\n");
            out.push_str(&rows);
        }
    }
    w.write(doc_path, out.as_bytes())
}

fn targets(fixture: &Fixture, n: usize, w: &mut Writer) -> Result<(), String> {
    let names: Vec<String> = (1..=n).map(|i| format!("task-{i:06}")).collect();
    let mut mk = String::from("# Generated developer tasks.\n\n");
    mk.push_str(&phony(&names));
    for name in &names {
        let _ = write!(
            mk,
            "\n{name}:\n\t@echo \"running {name}\"\n\tmkdir -p ops/_artifacts/tasks/{name}\n"
        );
    }
    w.write("makefiles/tasks-gen.mk", mk.as_bytes())?;
    include_in_makefile(fixture, &["makefiles/tasks-gen.mk".into()], w)?;
    room_to_read(fixture, mk.len(), 0, w)
}

/// Raises the budgets a generated file of `bytes` would pass (`[limits] max_file_size`,
/// 16 MiB, and `[limits.make] max_file_bytes`, 4 MiB), to twice its size, and the makefile
/// includes read (`max_includes`, 10,000) to twice `includes` plus the fixture's: at 10x
/// items a surface.json (29 MB) or a makefile (14 MB) is over them, and a dimension must
/// time the reading and checking of its items, not the budget's refusal to read them
/// (which is one warning, and cheap).
fn room_to_read(
    fixture: &Fixture,
    bytes: usize,
    includes: usize,
    w: &mut Writer,
) -> Result<(), String> {
    let room = (bytes * 2).max(16 << 20);
    let mut config = text(fixture, "ops-check.toml");
    let _ = write!(
        config,
        "\n# Room for the generated files (the largest is {bytes} bytes).\n\
         [limits]\nmax_file_size = {room}\n\n[limits.make]\nmax_file_bytes = {room}\n\
         max_total_bytes = {}\nmax_includes = {}\n",
        room.max(64 << 20),
        (includes * 2).max(10_000) + 1_000
    );
    w.write("ops-check.toml", config.as_bytes())
}

fn includes(fixture: &Fixture, n: usize, w: &mut Writer) -> Result<(), String> {
    let mut files = Vec::with_capacity(n);
    for i in 1..=n {
        let path = format!("makefiles/parts/part-{i:05}.mk");
        let mk = format!(
            "# Part {i}.\nPART_{i:05}_DIR := ops/_artifacts/parts/{i:05}\n\n.PHONY: part-{i:05}\npart-{i:05}:\n\tmkdir -p $(PART_{i:05}_DIR)\n"
        );
        w.write(&path, mk.as_bytes())?;
        files.push(path);
    }
    include_in_makefile(fixture, &files, w)?;
    room_to_read(fixture, 0, n, w)
}

fn allowlist(fixture: &Fixture, n: usize, w: &mut Writer) -> Result<(), String> {
    let path = "configs/ops/artifacts-allowlist.txt";
    let mut list = text(fixture, path);
    for i in 1..=n {
        let domain = DOMAINS[i % DOMAINS.len()];
        let _ = write!(
            list,
            "\n# Job {i} keeps its download cache next to its manifest (BENCH-{i}).\nops/{domain}/cache/job-{i:06}\n"
        );
    }
    w.write(path, list.as_bytes())?;
    room_to_read(fixture, list.len(), 0, w)
}

fn manifests(fixture: &Fixture, n: usize, w: &mut Writer) -> Result<(), String> {
    let template = text(fixture, "ops/datasets/manifests/genes.yaml");
    for i in 1..=n {
        let name = format!("ds-{i:06}");
        let body = if template.contains("name: genes") {
            template.replacen("name: genes", &format!("name: {name}"), 1)
        } else {
            format!("name: {name}\nsource: s3://bench/{name}.tsv\nformat: tsv\n")
        };
        w.write(
            &format!("ops/datasets/manifests/{name}.yaml"),
            body.as_bytes(),
        )?;
    }
    Ok(())
}

fn schemas(n: usize, w: &mut Writer) -> Result<(), String> {
    for i in 1..=n {
        let schema = serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": format!("https://atlas.example/ops/schemas/gen/item-{i:05}.v1.schema.json"),
            "title": format!("Generated item {i}"),
            "type": "object",
            "required": ["name"],
            "additionalProperties": false,
            "$defs": { "name": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$" } },
            "properties": {
                "name": { "$ref": "#/$defs/name" },
                "size": { "type": "integer", "minimum": 0 },
                "tags": { "type": "array", "items": { "type": "string" } }
            }
        });
        let mut json = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
        json.push('\n');
        w.write(
            &format!("ops/_schemas/gen/item-{i:05}.v1.schema.json"),
            json.as_bytes(),
        )?;
    }
    Ok(())
}

fn unclaimed(n: usize, w: &mut Writer) -> Result<(), String> {
    for i in 1..=n {
        let schema = serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": format!("https://atlas.example/ops/schemas/datasets/thing{i:05}.v1.schema.json"),
            "type": "object",
        });
        let mut json = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
        json.push('\n');
        w.write(
            &format!("ops/_schemas/datasets/thing{i:05}.v1.schema.json"),
            json.as_bytes(),
        )?;
        w.write(
            &format!("ops/datasets/things/thing{i:05}.yaml"),
            format!("name: thing-{i}\n").as_bytes(),
        )?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "dims_tests.rs"]
mod tests;
