//! Reading `ops-check.toml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::ConfigError;
use crate::text::line_column;

use super::Contract;
use super::extend::{TABLES, table_name};

/// The config file looked for at the checked root.
pub const CONFIG_FILE_NAME: &str = "ops-check.toml";

/// The nearest directory at or above `start` that holds an `ops-check.toml`: the root of the
/// repository a command run from a subdirectory is about.
pub fn find_config_upwards(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE_NAME).is_file())
        .map(Path::to_path_buf)
}

/// The table a byte offset of config text lies in: the last `[table]` or `[[table]]`
/// header before it (`""` before any), and whether it is an array of tables.
fn table_at(text: &str, offset: usize) -> (String, bool) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    // An unknown table name in a header (`[limits.shel]`) is a key of the header's parent.
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let current = text
        .get(line_start..)
        .unwrap_or("")
        .lines()
        .next()
        .unwrap_or("");
    if let Some(header) = current.trim_start().strip_prefix('[')
        && !header.starts_with('[')
    {
        let name = header.split(']').next().unwrap_or("").trim();
        let parent = name.rsplit_once('.').map_or("", |(p, _)| p);
        return (parent.trim().to_string(), false);
    }
    before
        .lines()
        .rev()
        .map(str::trim_start)
        .find(|line| line.starts_with('['))
        .map_or((String::new(), false), |header| {
            let array = header.starts_with("[[");
            let name = header
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("");
            (name.trim().to_string(), array)
        })
}

/// A TOML or serde message made more helpful, for an error at byte `offset` of `text`.
///
/// - `unknown field `x`, expected one of ...` becomes `unknown key `x` in [table]`, with the
///   closest accepted key, or the table the key belongs to when it is a key of another one.
/// - `unknown variant `x`, expected one of ...` keeps its list and gains the closest value.
/// - Otherwise the key is named when the message does not name it.
fn explain(message: &str, text: &str, offset: Option<usize>) -> String {
    let key = offset.and_then(|at| super::validate::key_at(text, at));
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((name, expected)) = rest.split_once('`')
    {
        let (table, array) = offset.map_or((String::new(), false), |at| table_at(text, at));
        let shown = if array {
            format!("[[{table}]]")
        } else {
            table_name(&table)
        };
        let known = if array { None } else { TABLES.get(&table) };
        if known.is_some()
            && let Some((other, _)) = TABLES
                .iter()
                .find(|(path, keys)| **path != table && keys.keys.contains(name))
        {
            return format!(
                "unknown key `{name}` in {shown}: it is a key of {}",
                table_name(other)
            );
        }
        let accepted: Vec<String> = match known {
            Some(keys) => keys.accepted().collect(),
            None => backticked(expected).map(str::to_string).collect(),
        };
        let hint = crate::suggest::hint(name, accepted.iter().map(String::as_str));
        let hint = if hint.is_empty() {
            " (`ops-check config show` lists every key)".to_string()
        } else {
            hint
        };
        return format!("unknown key `{name}` in {shown}{hint}");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some((name, expected)) = rest.split_once('`')
    {
        let hint = crate::suggest::hint(name, backticked(expected));
        let shown = key.map(|k| format!("`{k}`: ")).unwrap_or_default();
        return format!("{shown}{message}{hint}");
    }
    // toml names the key for type errors, not for a value our types refuse (a glob that does
    // not compile): name it from the position.
    match key {
        Some(key) if !message.contains(&key) => format!("`{key}`: {message}"),
        _ => message.to_string(),
    }
}

/// The `quoted` names of a serde "expected one of `a`, `b`" list.
fn backticked(list: &str) -> impl Iterator<Item = &str> {
    list.split('`').skip(1).step_by(2)
}

impl Contract {
    /// Parses config text. `path` names the file in errors and in [`Contract::source`].
    ///
    /// The text is parsed as TOML 1.0, the `extend_` twins are applied ([`super::extend`]),
    /// then the config is deserialized and validated. Errors name `path:line:column` and the
    /// key; an unknown key or enum value comes with the closest accepted one ("did you
    /// mean").
    pub fn from_toml(text: &str, path: &Path) -> Result<Contract, ConfigError> {
        let mut contract = Contract::parse_toml(text, path)?;
        let source = super::ConfigSource::new(path, text);
        contract.validate().map_err(|invalid| {
            let (line, column) = match source.locate(&invalid.key, None) {
                Some(at) => (at.line, at.column),
                None => super::validate::locate_key(text, &invalid.key),
            };
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: format!("`{}`: {}", invalid.key, invalid.message),
            }
        })?;
        contract.source = source;
        Ok(contract)
    }

    fn parse_toml(text: &str, path: &Path) -> Result<Contract, ConfigError> {
        let error = |span: Option<std::ops::Range<usize>>, message: String| {
            let (line, column) = match &span {
                Some(span) => line_column(text, span.start),
                None => (1, 1),
            };
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let from_toml = |err: toml::de::Error| {
            let offset = err.span().map(|s| s.start);
            error(err.span(), explain(err.message().trim(), text, offset))
        };
        let mut doc = toml::de::DeTable::parse(text).map_err(from_toml)?;
        super::extend::apply(doc.get_mut())
            .map_err(|(span, message)| error(Some(span), message))?;
        Contract::deserialize(toml::de::Deserializer::from(doc)).map_err(from_toml)
    }

    /// Reads a config file.
    pub fn load(path: &Path) -> Result<Contract, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Contract::from_toml(&text, path)
    }

    /// The config for a checked root: `ops-check.toml` there if it exists, else the defaults.
    /// Returns the file that was used, if any.
    pub fn discover(root: &Path) -> Result<(Contract, Option<PathBuf>), ConfigError> {
        let candidate = root.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            Ok((Contract::load(&candidate)?, Some(candidate)))
        } else {
            Ok((Contract::default(), None))
        }
    }

    /// The effective config as TOML (what `ops-check config show` prints).
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_the_contract_default() {
        let c = Contract::from_toml("", Path::new("ops-check.toml")).unwrap();
        assert_eq!(c, Contract::default());
    }

    #[test]
    fn unknown_key_names_file_key_and_position() {
        let text = "select = [\"LAY\"]\n\n[layout]\ndomainz = [\"a\"]\n";
        let err = Contract::from_toml(text, Path::new("x/ops-check.toml")).unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains("x/ops-check.toml:4:1"), "{shown}");
        assert!(shown.contains("domainz"), "{shown}");
    }

    #[test]
    fn unknown_keys_and_values_get_a_suggestion() {
        let err = |text: &str| {
            Contract::from_toml(text, Path::new("c.toml"))
                .unwrap_err()
                .to_string()
        };
        let e = err("[layout]\ndomainz = [\"a\"]\n");
        assert!(
            e.contains("c.toml:2:1") && e.contains("did you mean `domains`?"),
            "{e}"
        );
        let e = err("domains = [\"a\"]\n");
        assert!(e.contains("it is a key of [layout]"), "{e}");
        let e = err("[severity]\nLAY004 = \"warnning\"\n");
        assert!(
            e.contains("c.toml:2:10") && e.contains("did you mean `warning`?"),
            "{e}"
        );
        let e = err("[layout]\nextend_domainz = [\"a\"]\n");
        assert!(
            e.contains("c.toml:2:1") && e.contains("did you mean `extend_domains`?"),
            "{e}"
        );
        let e = err("[layout]\nextend_lib_dir = [\"a\"]\n");
        assert!(e.contains("`lib_dir` is not a list key"), "{e}");
        // Nested `[limits.*]` tables: a key of the sub-table, and a misspelt sub-table.
        let e = err("[limits.shell]\nmax_step = 3\n");
        assert!(
            e.contains("in [limits.shell]") && e.contains("did you mean `max_steps`?"),
            "{e}"
        );
        let e = err("[limits.shel]\nmax_steps = 3\n");
        assert!(
            e.contains("in [limits]") && e.contains("did you mean `shell`?"),
            "{e}"
        );
    }

    #[test]
    fn suppressions_need_a_reason_rules_and_paths() {
        let err = |text: &str| {
            Contract::from_toml(text, Path::new("c.toml"))
                .unwrap_err()
                .to_string()
        };
        let e = err("[[suppress]]\npaths = [\"a\"]\nrules = [\"LAY\"]\n");
        assert!(e.contains("reason"), "{e}");
        let e = err("[[suppress]]\npaths = [\"a\"]\nrules = [\"LAY\"]\nreason = \" \"\n");
        assert!(
            e.contains("c.toml:4:10") && e.contains("gives no reason"),
            "{e}"
        );
        let e = err("[[suppress]]\npaths = []\nrules = [\"LAY\"]\nreason = \"r\"\n");
        assert!(e.contains("names no path"), "{e}");
        let c = Contract::from_toml(
            "baseline = \"./ops-check-baseline.json\"\n[[suppress]]\npaths = [\"ops/vendor/**\"]\nrules = [\"LAY004\"]\nreason = \"vendored\"\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(c.baseline, "ops-check-baseline.json");
        assert_eq!(c.suppress[0].reason, "vendored");
    }

    #[test]
    fn warn_is_a_severity() {
        let c =
            Contract::from_toml("[severity]\nLAY004 = \"warn\"\n", Path::new("c.toml")).unwrap();
        assert_eq!(c.severity["LAY004"], crate::Severity::Warning);
    }

    #[test]
    fn twins_extend_the_default_or_the_value_set() {
        let read = |text: &str| Contract::from_toml(text, Path::new("c.toml")).unwrap();
        let c = read("[layout]\nextend_domains = [\"billing\"]\n");
        let mut expected = Contract::default().layout.domains;
        expected.push("billing".into());
        assert_eq!(c.layout.domains, expected);
        let c = read("[layout]\ndomains = [\"a\"]\nextend_domains = [\"b\"]\n");
        assert_eq!(c.layout.domains, ["a", "b"]);
        let c = read("extend_exclude = [\"vendor/**\"]\n");
        assert_eq!(c.exclude.patterns().len(), 4);
        assert!(c.exclude.is_match("vendor/x"));
        // An empty select is every rule: extending it changes nothing.
        assert!(read("extend_select = [\"LAY\"]\n").select.is_empty());
        assert_eq!(
            read("select = [\"ART\"]\nextend_select = [\"LAY\"]\n").select,
            ["ART", "LAY"]
        );
        let c =
            read("[[extend_suppress]]\npaths = [\"a/**\"]\nrules = [\"LAY\"]\nreason = \"r\"\n");
        assert_eq!(c.suppress.len(), 1);
        // An item added by a twin is still located when it is wrong.
        let e = Contract::from_toml(
            "[schema]\nextend_exempt = [\"ops/[x\"]\n",
            Path::new("c.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("c.toml:2:17") && e.contains("extend_exempt"),
            "{e}"
        );
    }

    #[test]
    fn wrong_type_is_an_error() {
        let err = Contract::from_toml("ops_root = 3\n", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("c.toml:1:12"), "{err}");
    }

    #[test]
    fn default_round_trips_through_toml() {
        let text = Contract::default().to_toml();
        let back = Contract::from_toml(&text, Path::new("c.toml")).unwrap();
        assert_eq!(back, Contract::default());
    }
}
