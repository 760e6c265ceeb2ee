//! Checks a parsed config before any rule sees it: paths are normalized repository paths,
//! every glob and regular expression compiles, and list entries have their documented form.
//!
//! A bad value is a config error (exit 2) naming the key, not a finding: a run with a
//! broken glob list would silently check less than the user asked for.

use crate::GlobList;
use crate::path::RepoPath;

use super::Contract;

/// A config value that cannot be used: its dotted key (`schema.exempt`) and why.
#[derive(Debug, PartialEq, Eq)]
pub struct Invalid {
    pub key: String,
    pub message: String,
}

fn invalid(key: &str, message: impl Into<String>) -> Invalid {
    Invalid {
        key: key.to_string(),
        message: message.into(),
    }
}

/// Normalizes a repository-relative path in place: `./ops/` becomes `ops`. Absolute paths,
/// `..` components and (unless `may_be_empty`) empty paths are refused: the checker never
/// looks outside the checked root.
fn repo_path(key: &str, value: &mut String, may_be_empty: bool) -> Result<(), Invalid> {
    let raw = value.trim();
    let absolute =
        raw.starts_with('/') || raw.starts_with('\\') || raw.as_bytes().get(1) == Some(&b':');
    if absolute {
        return Err(invalid(
            key,
            format!("`{raw}` is absolute; write a path relative to the repository root"),
        ));
    }
    if raw.split(['/', '\\']).any(|c| c == "..") {
        return Err(invalid(
            key,
            format!("`{raw}` leaves the repository root (`..`); ops-check only checks inside it"),
        ));
    }
    let normalized = RepoPath::new(raw);
    if normalized.is_root() && !may_be_empty {
        return Err(invalid(key, "must not be empty"));
    }
    *value = normalized.as_str().to_string();
    Ok(())
}

fn globs(key: &str, patterns: &[String]) -> Result<(), Invalid> {
    GlobList::paths(patterns)
        .map(|_| ())
        .map_err(|e| invalid(key, e))
}

fn regexes(key: &str, patterns: &[String]) -> Result<(), Invalid> {
    for p in patterns {
        regex::Regex::new(p)
            .map_err(|e| invalid(key, format!("invalid regular expression `{p}`: {e}")))?;
    }
    Ok(())
}

const DRAFTS: &[&str] = &["4", "6", "7", "2019-09", "2020-12"];

fn draft(key: &str, value: &str) -> Result<(), Invalid> {
    let name = value
        .trim()
        .trim_start_matches("draft")
        .trim_start_matches(['-', '_']);
    if DRAFTS.contains(&name.trim_start_matches('0')) {
        Ok(())
    } else {
        Err(invalid(
            key,
            format!("unknown JSON Schema draft `{value}` (expected 4, 6, 7, 2019-09 or 2020-12)"),
        ))
    }
}

impl Contract {
    /// Validates and normalizes the config. The first problem found is returned.
    pub fn validate(&mut self) -> Result<(), Invalid> {
        repo_path("ops_root", &mut self.ops_root, false)?;
        if self.limits.max_file_size == 0 {
            return Err(invalid("limits.max_file_size", "must be at least 1 byte"));
        }

        let l = &mut self.layout;
        for (key, value) in [
            ("layout.lib_dir", &mut l.lib_dir),
            ("layout.scripts_dir", &mut l.scripts_dir),
            ("layout.e2e_wrapper_dir", &mut l.e2e_wrapper_dir),
            ("layout.contract_file", &mut l.contract_file),
            ("layout.index_file", &mut l.index_file),
        ] {
            repo_path(key, value, false)?;
        }
        // Empty switches the fault injection owner check off (documented on LAY006).
        repo_path(
            "layout.fault_injection_api",
            &mut l.fault_injection_api,
            true,
        )?;
        globs("layout.test_file_patterns", &l.test_file_patterns)?;
        globs(
            "layout.fault_injection_patterns",
            &l.fault_injection_patterns,
        )?;

        let a = &mut self.artifacts;
        for (key, value) in [
            ("artifacts.evidence_root", &mut a.evidence_root),
            ("artifacts.artifacts_root", &mut a.artifacts_root),
            ("artifacts.allowlist", &mut a.allowlist),
            (
                "artifacts.generated_committed_dir",
                &mut a.generated_committed_dir,
            ),
            (
                "artifacts.generated_static_dir",
                &mut a.generated_static_dir,
            ),
        ] {
            repo_path(key, value, false)?;
        }
        for value in &mut a.committed_generated {
            repo_path("artifacts.committed_generated", value, false)?;
        }
        for value in &mut a.write_scan_roots {
            repo_path("artifacts.write_scan_roots", value, false)?;
        }
        globs(
            "artifacts.evidence_file_patterns",
            &a.evidence_file_patterns,
        )?;
        globs("artifacts.run_output_patterns", &a.run_output_patterns)?;
        globs(
            "artifacts.run_scoped_file_patterns",
            &a.run_scoped_file_patterns,
        )?;
        globs("artifacts.runtime_ignore", &a.runtime_ignore)?;
        for entry in &mut a.committed_generated_dirs {
            let key = "artifacts.committed_generated_dirs";
            let Some((dir, glob)) = entry.split_once(':') else {
                return Err(invalid(
                    key,
                    format!("`{entry}` is not of the form `dir:glob` (e.g. `ops/_examples:*`)"),
                ));
            };
            let (mut dir, glob) = (dir.to_string(), glob.trim().to_string());
            repo_path(key, &mut dir, false)?;
            if glob.is_empty() {
                return Err(invalid(key, format!("`{entry}` has no glob after `:`")));
            }
            globs(key, std::slice::from_ref(&glob))?;
            *entry = format!("{dir}:{glob}");
        }

        let s = &mut self.schema;
        repo_path("schema.schemas_dir", &mut s.schemas_dir, false)?;
        repo_path("schema.tool_versions", &mut s.tool_versions, false)?;
        repo_path("schema.meta_dir", &mut s.meta_dir, false)?;
        repo_path("schema.schema_lock", &mut s.schema_lock, false)?;
        draft("schema.default_draft", &s.default_draft)?;
        regexes("schema.version_patterns", &s.version_patterns)?;
        globs("schema.exempt", &s.exempt)?;
        globs("schema.tool_pin_scan", &s.tool_pin_scan)?;
        for binding in &mut s.bindings {
            globs("schema.bindings", std::slice::from_ref(&binding.glob))?;
            if binding.schema.trim().is_empty() {
                return Err(invalid(
                    "schema.bindings",
                    format!("binding `{}` names no schema", binding.glob),
                ));
            }
        }

        let u = &mut self.surface;
        for (key, value) in [
            ("surface.surface_file", &mut u.surface_file),
            ("surface.makefile", &mut u.makefile),
            (
                "surface.generated_surface_doc",
                &mut u.generated_surface_doc,
            ),
            (
                "surface.generated_contracts_doc",
                &mut u.generated_contracts_doc,
            ),
            (
                "surface.generated_schemas_doc",
                &mut u.generated_schemas_doc,
            ),
            ("surface.surface_lock", &mut u.surface_lock),
            ("surface.release_file", &mut u.release_file),
        ] {
            repo_path(key, value, false)?;
        }
        globs("surface.workflow_globs", &u.workflow_globs)?;
        globs("surface.doc_globs", &u.doc_globs)?;
        Ok(())
    }
}

/// The 1-based line and column of `key` (dotted, `schema.exempt`) in config text, found by
/// its table header and its `name =` line; the first line when it cannot be found.
pub fn locate_key(text: &str, key: &str) -> (u32, u32) {
    let (table, name) = match key.rsplit_once('.') {
        Some((t, n)) => (t, n),
        None => ("", key),
    };
    let mut current = String::new();
    let mut header_line = None;
    for (i, line) in text.lines().enumerate() {
        let n = crate::text::to_u32(i + 1);
        let trimmed = line.trim();
        if let Some(h) = trimmed.strip_prefix('[') {
            current = h
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                .to_string();
            if current == table || current.starts_with(&format!("{table}.")) {
                header_line.get_or_insert(n);
            }
            continue;
        }
        let in_table =
            current == table || (!table.is_empty() && current.starts_with(&format!("{table}.")));
        let assigns = trimmed
            .strip_prefix(name)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if in_table && assigns {
            let column = line.len() - line.trim_start().len() + 1;
            return (n, crate::text::to_u32(column));
        }
    }
    (header_line.unwrap_or(1), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(edit: impl FnOnce(&mut Contract)) -> Result<Contract, Invalid> {
        let mut c = Contract::default();
        edit(&mut c);
        c.validate().map(|_| c)
    }

    #[test]
    fn defaults_are_valid() {
        assert_eq!(check(|_| {}).unwrap(), Contract::default());
    }

    #[test]
    fn paths_are_normalized_or_refused() {
        assert_eq!(
            check(|c| c.ops_root = "./ops/".into()).unwrap().ops_root,
            "ops"
        );
        for bad in ["", "/etc", "../x", "ops/../..", "C:\\ops"] {
            let err = check(|c| c.ops_root = bad.into()).unwrap_err();
            assert_eq!(err.key, "ops_root", "{bad}");
        }
        assert_eq!(
            check(|c| c.layout.lib_dir = "../../etc".into())
                .unwrap_err()
                .key,
            "layout.lib_dir"
        );
        assert_eq!(
            check(|c| c.surface.makefile = "/etc/passwd".into())
                .unwrap_err()
                .key,
            "surface.makefile"
        );
        assert!(check(|c| c.layout.fault_injection_api = String::new()).is_ok());
    }

    #[test]
    fn globs_regexes_and_forms_must_compile() {
        let e = check(|c| c.schema.exempt = vec!["ops/[x".into()]).unwrap_err();
        assert_eq!(e.key, "schema.exempt");
        assert!(e.message.contains("ops/[x"), "{}", e.message);
        let e = check(|c| c.schema.version_patterns = vec!["v(".into()]).unwrap_err();
        assert_eq!(e.key, "schema.version_patterns");
        let e =
            check(|c| c.artifacts.committed_generated_dirs = vec!["nocolon".into()]).unwrap_err();
        assert!(e.message.contains("dir:glob"), "{}", e.message);
        let e = check(|c| c.schema.default_draft = "2021".into()).unwrap_err();
        assert_eq!(e.key, "schema.default_draft");
        assert!(check(|c| c.schema.default_draft = "draft-07".into()).is_ok());
    }

    #[test]
    fn keys_are_located_in_their_table() {
        let text = "ops_root = \"x\"\n\n[schema]\nschemas_dir = \"a\"\n  exempt = [\"[\"]\n";
        assert_eq!(locate_key(text, "schema.exempt"), (5, 3));
        assert_eq!(locate_key(text, "ops_root"), (1, 1));
        assert_eq!(locate_key(text, "schema.bindings"), (3, 1));
        assert_eq!(locate_key(text, "surface.makefile"), (1, 1));
    }
}
