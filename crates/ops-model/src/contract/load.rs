//! Reading `ops-check.toml`.

use std::path::{Path, PathBuf};

use crate::error::ConfigError;
use crate::text::line_column;

use super::Contract;

/// The config file looked for at the checked root.
pub const CONFIG_FILE_NAME: &str = "ops-check.toml";

impl Contract {
    /// Parses config text. `path` is only used to name the file in errors.
    pub fn from_toml(text: &str, path: &Path) -> Result<Contract, ConfigError> {
        let mut contract = Contract::parse_toml(text, path)?;
        contract.validate().map_err(|invalid| {
            let (line, column) = super::validate::locate_key(text, &invalid.key);
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: format!("`{}`: {}", invalid.key, invalid.message),
            }
        })?;
        Ok(contract)
    }

    fn parse_toml(text: &str, path: &Path) -> Result<Contract, ConfigError> {
        toml::from_str::<Contract>(text).map_err(|err| {
            let (line, column) = match err.span() {
                Some(span) => line_column(text, span.start),
                None => (1, 1),
            };
            let message = err.message().trim();
            // toml names the key for type errors, not for a value our types refuse (a glob
            // that does not compile): name it from the position.
            let message = match err
                .span()
                .and_then(|s| super::validate::key_at(text, s.start))
            {
                Some(key) if !message.contains(&key) => format!("`{key}`: {message}"),
                _ => message.to_string(),
            };
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        })
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
