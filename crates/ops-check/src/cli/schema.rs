//! `ops-check schema config|report|surface|diff-report`: JSON Schemas of what ops-check
//! reads and writes; `ops-check schema diff OLD NEW`: what changed between two versions of
//! a JSON Schema, and whether it breaks consumers.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use ops_rules_schema::diff::{Change, Class, DiffOptions, DiffReport, diff_with};
use serde_json::Value;

use super::CliError;
use super::output::{emit, io_err};

#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[command(subcommand)]
    which: Which,
}

#[derive(Debug, Subcommand)]
enum Which {
    /// The config file, ops-check.toml.
    Config,
    /// The JSON report of `check --format json`.
    Report,
    /// The surface declaration, ops/_meta/surface.json (SCH008 validates against it).
    Surface,
    /// The JSON output of `schema diff --format json`.
    DiffReport,
    /// Compare two versions of a JSON Schema: every change, breaking or not. Exit 0 without
    /// a breaking change, 1 with one, 2 on error.
    Diff(DiffArgs),
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The old version: a file, or `REV:path` read from git (`HEAD:ops/_schemas/a.v1.schema.json`).
    old: String,
    /// The new version: a file, or `REV:path`.
    new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// Breaking and non-breaking changes, grouped, with pointers.
    Human,
    /// `{"breaking": bool, "changes": [...]}`, schema in `ops-check schema diff-report`.
    Json,
}

pub fn run(args: SchemaArgs) -> Result<ExitCode, CliError> {
    let schema = match args.which {
        Which::Config => ops_model::Contract::json_schema(),
        Which::Report => ops_report::Report::json_schema(),
        Which::Surface => ops_rules_schema::surface_schema(),
        Which::DiffReport => DiffReport::json_schema(),
        Which::Diff(diff) => return run_diff(&diff),
    };
    print_json(&schema)?;
    Ok(ExitCode::SUCCESS)
}

fn print_json(value: &impl serde::Serialize) -> Result<(), CliError> {
    emit(None, |out| {
        serde_json::to_writer_pretty(&mut *out, value).map_err(ops_report::ReportError::from)?;
        writeln!(out).map_err(io_err)
    })
}

fn run_diff(args: &DiffArgs) -> Result<ExitCode, CliError> {
    let old = read_schema(&args.old)?;
    let new = read_schema(&args.new)?;
    let changes = diff_with(&old, &new, &DiffOptions::default());
    match args.format {
        DiffFormat::Json => print_json(&DiffReport::new(&changes))?,
        DiffFormat::Human => emit(None, |out| {
            out.write_all(human(&args.old, &args.new, &changes).as_bytes())
                .map_err(io_err)
        })?,
    }
    Ok(if changes.iter().any(Change::is_breaking) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads `spec`: a file when one exists at that path, else git's `REV:path`.
fn read_schema(spec: &str) -> Result<Value, CliError> {
    let bytes = if Path::new(spec).is_file() {
        std::fs::read(spec).map_err(|e| CliError::Usage(format!("cannot read {spec}: {e}")))?
    } else if spec.contains(':') {
        ops_model::base_revision::show_file(Path::new("."), spec)
            .map_err(|e| CliError::Usage(e.to_string()))?
    } else {
        return Err(CliError::Usage(format!(
            "{spec}: no such file (give a file, or `REV:path` to read it from git)"
        )));
    };
    let text = String::from_utf8_lossy(&bytes);
    let value = ops_model::cache::parse_json(&text)
        .map_err(|e| CliError::Usage(format!("{spec}: not JSON: {e}")))?;
    if !value.is_object() && !value.is_boolean() {
        return Err(CliError::Usage(format!(
            "{spec}: not a JSON Schema (neither an object nor a boolean)"
        )));
    }
    Ok(value)
}

/// Breaking changes first, then the rest; one line each, pointer first.
fn human(old: &str, new: &str, changes: &[Change]) -> String {
    let mut text = format!("schema diff {old} -> {new}\n");
    if changes.is_empty() {
        text.push_str("no changes\n");
        return text;
    }
    for (class, title) in [
        (Class::Breaking, "breaking"),
        (Class::NonBreaking, "non-breaking"),
    ] {
        let group: Vec<&Change> = changes.iter().filter(|c| c.class == class).collect();
        if group.is_empty() {
            continue;
        }
        text.push_str(&format!("\n{title} changes ({}):\n", group.len()));
        for c in group {
            let at = if c.new_pointer.is_empty() {
                "#"
            } else {
                &c.new_pointer
            };
            text.push_str(&format!("  {at}  {}: {}", c.kind, c.reason));
            if c.old_pointer != c.new_pointer {
                let was = if c.old_pointer.is_empty() {
                    "#"
                } else {
                    &c.old_pointer
                };
                text.push_str(&format!(" (old: {was})"));
            }
            text.push('\n');
        }
    }
    let breaking = changes.iter().filter(|c| c.is_breaking()).count();
    text.push_str(&format!(
        "\n{breaking} breaking, {} non-breaking\n",
        changes.len() - breaking
    ));
    text
}
