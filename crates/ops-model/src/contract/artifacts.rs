//! `[artifacts]`: where runtime outputs, evidence and generated files may live (ART rules).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::matchers::{DirGlobs, NameGlobs, TreeGlobs};
use super::strings;

/// Where outputs may live.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ArtifactsConfig {
    /// The only place for runtime evidence, relative to the repository root.
    pub evidence_root: String,
    /// The place for non-evidence runtime artifacts, relative to the repository root.
    pub artifacts_root: String,
    /// The allowlist of explicit exceptions, relative to the repository root. Each entry is a
    /// repo-relative path or path glob (`*` stays inside one component); an entry also covers
    /// everything below it.
    pub allowlist: String,
    /// Directory names that hold evidence (ART001).
    pub evidence_dir_names: Vec<String>,
    /// File-name globs of evidence files (ART001).
    pub evidence_file_patterns: NameGlobs,
    /// Directory names that hold runtime artifacts (ART002).
    pub artifact_dir_names: Vec<String>,
    /// Directory-name globs of run output directories (ART002).
    pub run_output_patterns: NameGlobs,
    /// File extensions of source code: a directory whose own files include one of these is a
    /// code module that happens to be named like an output directory (`atlasctl/artifacts/`),
    /// not an output (ART001, ART002).
    pub code_extensions: Vec<String>,
    /// Deterministic generated outputs, relative to the repository root (ART004, ART010).
    pub generated_committed_dir: String,
    /// Static generated contract assets, relative to the repository root (ART004, ART005).
    pub generated_static_dir: String,
    /// Text that marks a generated file when it appears in its first lines, matched without
    /// regard to case (ART004).
    pub generated_markers: Vec<String>,
    /// How many leading lines are searched for a generated-file marker.
    pub marker_lines: usize,
    /// File-name globs of run-scoped files that never belong in the static generated
    /// directory: logs, run reports, test results (ART005).
    pub run_scoped_file_patterns: NameGlobs,
    /// Keys whose presence makes a JSON/YAML document run-scoped: run ids, timestamps and
    /// durations (ART005, ART010).
    pub run_scoped_keys: Vec<String>,
    /// Absolute path prefixes that only exist on one machine or one CI runner; a committed
    /// generated file that mentions one is not deterministic (ART010).
    pub machine_path_prefixes: Vec<String>,
    /// Build and tool caches that ART008 never reports, as names or globs: package manager
    /// and compiler caches, virtual environments, editor and OS files. A pattern without `/`
    /// matches the name of the file or of any directory on its path (`node_modules` covers
    /// everything below any `node_modules/` directory, `*.pyc` any such file); a pattern with
    /// `/` matches the repository path of the file or of one of its directories
    /// (`crates/*/target`).
    pub runtime_ignore: TreeGlobs,
    /// Generated files that must be committed (ART006).
    pub committed_generated: Vec<String>,
    /// Directories where only listed generated files may be committed (ART007), each with a
    /// file-name glob, written `dir:glob`.
    pub committed_generated_dirs: DirGlobs,
    /// Trees scanned for write targets (ART009), relative to the repository root.
    pub write_scan_roots: Vec<String>,
    /// Variables that hold the repository root in scripts and makefiles (`${REPO_ROOT}`,
    /// `$(ROOT)`); a path that starts with one is resolved against the root (ART009).
    pub root_variables: Vec<String>,
    /// Words that make a variable or manifest key an output location when one of them is a
    /// word of its name (`ARTIFACTS_ROOT`, `OUT_DIR`, `report_path`, `evidenceDir`) (ART009).
    pub output_name_words: Vec<String>,
    /// Words that make a variable or manifest key an input even when it also has an output
    /// word: `base_report`, `evidence_schema_path`, `input_dirs` name what a tool reads
    /// (ART009).
    pub input_name_words: Vec<String>,
}

impl Default for ArtifactsConfig {
    fn default() -> Self {
        ArtifactsConfig {
            evidence_root: "artifacts/evidence".into(),
            artifacts_root: "ops/_artifacts".into(),
            allowlist: "configs/ops/artifacts-allowlist.txt".into(),
            evidence_dir_names: strings(&["evidence", "_evidence"]),
            evidence_file_patterns: NameGlobs::defaults(&["*.evidence.json", "evidence-*.json"]),
            artifact_dir_names: strings(&["_artifacts", "artifacts"]),
            run_output_patterns: NameGlobs::defaults(&["run-*", "runs", "_runs", "run_*"]),
            code_extensions: strings(&[
                "py", "rs", "go", "ts", "js", "java", "kt", "rb", "sh", "bash",
            ]),
            generated_committed_dir: "ops/_generated_committed".into(),
            generated_static_dir: "ops/_generated".into(),
            generated_markers: strings(&["DO NOT EDIT", "generated by", "@generated"]),
            marker_lines: 5,
            run_scoped_file_patterns: NameGlobs::defaults(&[
                "*.log",
                "*.log.*",
                "*.pid",
                "*report*.json",
                "*results*.json",
                "*results*.xml",
                "*.junit.xml",
                "*.evidence.json",
                "evidence-*.json",
            ]),
            run_scoped_keys: strings(&[
                "run_id",
                "runId",
                "generated_at",
                "generatedAt",
                "timestamp",
                "started_at",
                "finished_at",
                "created_at",
                "duration",
                "duration_ms",
                "duration_seconds",
                "elapsed",
                "elapsed_ms",
            ]),
            machine_path_prefixes: strings(&[
                "/home/",
                "/Users/",
                "/tmp/",
                "/private/",
                "/var/folders/",
                "/root/",
                "/runner/",
                "/github/workspace",
                "/builds/",
                "C:\\",
            ]),
            runtime_ignore: TreeGlobs::defaults(&[
                "node_modules",
                "target",
                ".venv",
                "venv",
                "__pycache__",
                "*.pyc",
                "*.pyo",
                "*.egg-info",
                ".pytest_cache",
                ".mypy_cache",
                ".ruff_cache",
                ".tox",
                ".nox",
                ".gradle",
                ".terraform",
                ".DS_Store",
                "Thumbs.db",
                ".idea",
                ".vscode",
                "*.swp",
            ]),
            committed_generated: strings(&[
                "ops/_examples/report.example.json",
                "ops/_examples/report.unified.example.json",
                "docs/_generated/ops-surface.md",
                "docs/_generated/ops-contracts.md",
                "docs/_generated/ops-schemas.md",
            ]),
            committed_generated_dirs: DirGlobs::defaults(&[
                "ops/_examples:*",
                "docs/_generated:ops-*",
            ]),
            write_scan_roots: strings(&["ops", "makefiles"]),
            root_variables: strings(&[
                "REPO_ROOT",
                "ROOT",
                "ROOT_DIR",
                "REPO_DIR",
                "PROJECT_ROOT",
                "TOP",
                "TOPDIR",
                "GIT_ROOT",
                "CURDIR",
            ]),
            output_name_words: strings(&[
                "out",
                "output",
                "outdir",
                "artifact",
                "artifacts",
                "evidence",
                "report",
                "reports",
                "result",
                "results",
                "log",
                "logs",
                "run",
                "runs",
            ]),
            input_name_words: strings(&[
                "in",
                "input",
                "inputs",
                "base",
                "baseline",
                "baselines",
                "prev",
                "previous",
                "src",
                "source",
                "sources",
                "from",
                "schema",
                "schemas",
                "template",
                "templates",
            ]),
        }
    }
}
