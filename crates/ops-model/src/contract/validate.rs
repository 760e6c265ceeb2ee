//! Checks a parsed config before any rule sees it: paths are normalized repository paths,
//! every glob and regular expression compiles, and list entries have their documented form.
//!
//! A bad value is a config error (exit 2) naming the key, not a finding: a run with a
//! broken glob list would silently check less than the user asked for.

use crate::path::RepoPath;

use super::Contract;

/// A config value that cannot be used: its dotted key (`schema.exempt`, `suppress.0.reason`)
/// and why.
#[derive(Debug, PartialEq, Eq)]
pub struct Invalid {
    /// The dotted key; array entries are numbered from 0.
    pub key: String,
    /// Why the value cannot be used.
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
    *value = repo_path_text(value, may_be_empty).map_err(|m| invalid(key, m))?;
    Ok(())
}

/// The normalized form of a repository-relative path written in the config, or why it
/// cannot be one.
pub(crate) fn repo_path_text(value: &str, may_be_empty: bool) -> Result<String, String> {
    let raw = value.trim();
    let absolute =
        raw.starts_with('/') || raw.starts_with('\\') || raw.as_bytes().get(1) == Some(&b':');
    if absolute {
        return Err(format!(
            "`{raw}` is absolute; write a path relative to the repository root"
        ));
    }
    if raw.split(['/', '\\']).any(|c| c == "..") {
        return Err(format!(
            "`{raw}` leaves the repository root (`..`); ops-check only checks inside it"
        ));
    }
    let normalized = RepoPath::new(raw);
    if normalized.is_root() && !may_be_empty {
        return Err("must not be empty".to_string());
    }
    Ok(normalized.as_str().to_string())
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
        repo_path("baseline", &mut self.baseline, true)?;
        for (i, entry) in self.suppress.iter().enumerate() {
            let n = i + 1;
            if entry.reason.trim().is_empty() {
                return Err(invalid(
                    &format!("suppress.{i}.reason"),
                    format!(
                        "[[suppress]] entry {n} gives no reason: say why its findings are accepted"
                    ),
                ));
            }
            if entry.rules.iter().all(|r| r.trim().is_empty()) {
                return Err(invalid(
                    &format!("suppress.{i}.rules"),
                    format!("[[suppress]] entry {n} names no rule"),
                ));
            }
            if entry.paths.is_empty() {
                return Err(invalid(
                    &format!("suppress.{i}.paths"),
                    format!("[[suppress]] entry {n} names no path"),
                ));
            }
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

        let s = &mut self.schema;
        repo_path("schema.schemas_dir", &mut s.schemas_dir, false)?;
        repo_path("schema.tool_versions", &mut s.tool_versions, false)?;
        repo_path("schema.meta_dir", &mut s.meta_dir, false)?;
        repo_path("schema.schema_lock", &mut s.schema_lock, false)?;
        draft("schema.default_draft", &s.default_draft)?;
        for binding in &s.bindings {
            if binding.schema.trim().is_empty() {
                return Err(invalid(
                    "schema.bindings",
                    format!("binding `{}` names no schema", binding.glob.as_str()),
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

/// The dotted key (`schema.exempt`) whose value holds byte `offset` of config text: the
/// nearest `name =` at or before it, inside the nearest table header before that.
pub fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset.min(text.len()))?;
    let mut name = None;
    for line in before.lines().rev() {
        let trimmed = line.trim_start();
        if let Some(header) = trimmed.strip_prefix('[') {
            let table = header.trim_start_matches('[').split(']').next()?.trim();
            let name = name?;
            return Some(if table.is_empty() {
                name
            } else {
                format!("{table}.{name}")
            });
        }
        if name.is_none()
            && let Some((key, _)) = trimmed.split_once('=')
        {
            let key = key.trim().trim_matches('"');
            if !key.is_empty() && !key.starts_with('#') && !key.contains(['"', ',', ' ']) {
                name = Some(key.to_string());
            }
        }
    }
    name
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
    fn globs_regexes_and_forms_must_compile_when_read() {
        let read = |text: &str| Contract::from_toml(text, std::path::Path::new("c.toml"));
        let e = read("[schema]\nexempt = [\"ops/[x\"]\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("c.toml:2:") && e.contains("ops/[x"), "{e}");
        let e = read("[schema]\nversion_patterns = [\"v(\"]\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("regular expression"), "{e}");
        let e = read("[artifacts]\ncommitted_generated_dirs = [\"nocolon\"]\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("dir:glob"), "{e}");
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
        let at = text.find("[\"[\"]").unwrap() + 2;
        assert_eq!(key_at(text, at).as_deref(), Some("schema.exempt"));
        assert_eq!(key_at(text, 12).as_deref(), Some("ops_root"));
    }
}
