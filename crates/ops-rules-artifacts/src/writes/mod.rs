//! Where scripts, makefiles and manifests write (ART009), read through `ops-syntax`: the
//! shell walk, the GNU make reader, the Python reader and the YAML reader. Each reader gives
//! [`Site`]s whose targets are [`StaticValue`]s; [`resolve`] turns one into a repository
//! path, or gives up.

mod json_keys;
mod judge;
pub mod make;
pub mod manifest;
pub mod python;
mod resolve;
pub mod shell;
mod tools;

use std::collections::BTreeSet;

use ops_model::contract::{ArtifactsConfig, NameGlobs};
use ops_model::text::NameWords;
use ops_syntax::StaticValue;

pub use judge::Setup;
pub use resolve::{Cwd, Resolved, resolve};

/// How a site is known to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// The code writes there: a redirection, `mkdir`, a copy's destination, a known tool's
    /// output option, a Python write call.
    Writes,
    /// The config says so: a manifest key listed in `[artifacts] output_keys`.
    Stated,
    /// Only a name says so: a variable or manifest key named like an output location.
    Named,
}

/// The assignment a write's target flows through (`OUT_DIR` in `mkdir -p "$OUT_DIR/x"`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Via {
    /// The variable or name.
    pub name: String,
    /// 1-based line of its assignment in the same file.
    pub line: u32,
}

/// One place a file writes to, or names as an output location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// 1-based line of the target as written.
    pub line: u32,
    /// What writes: "`mkdir`", "redirection `>`", "`k6 run --summary-export`",
    /// "`open`", "manifest key `report_dir`", "assignment of `OUT_DIR`".
    pub what: String,
    /// The target as written.
    pub raw: String,
    /// The target evaluated.
    pub value: StaticValue,
    /// What a relative target is relative to.
    pub cwd: Cwd,
    /// The assignment the target flows through, when there is one in the same file.
    pub via: Option<Via>,
    /// For [`Certainty::Named`] sites of variables: the variable's name.
    pub name: Option<String>,
    pub certainty: Certainty,
}

/// Names and words the readers need from `[artifacts]`.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    /// Variables that hold the repository root.
    pub root_variables: Vec<String>,
    output_keys: NameGlobs,
    output_words: BTreeSet<String>,
    input_words: BTreeSet<String>,
    /// The output words, found in a name in one pass (see [`Vocabulary::is_output_name`]).
    output_in_name: NameWords,
}

impl Vocabulary {
    pub fn of(a: &ArtifactsConfig) -> Vocabulary {
        let lower = |words: &[String]| words.iter().map(|w| w.to_lowercase()).collect();
        let output_words: BTreeSet<String> = lower(&a.output_name_words);
        Vocabulary {
            root_variables: a.root_variables.clone(),
            output_keys: a.output_keys.clone(),
            output_in_name: NameWords::new(&output_words),
            output_words,
            input_words: lower(&a.input_name_words),
        }
    }

    /// Whether a variable or key names an output location: one of its words
    /// (`_`/`-`/`.`-separated, or camelCase) is an output word and none is an input word
    /// (`base_report`, `evidence_schema_path` and `input_dirs` are read, not written).
    pub fn is_output_name(&self, name: &str) -> bool {
        // An ASCII name's words are pieces of it, lower-cased: one that holds no output
        // word (most variables and keys) is not split into words (1.9% of a 20,000-file
        // run, callgrind).
        if !self.output_in_name.may_hold(name) {
            return false;
        }
        let words: Vec<String> = words(name).collect();
        words.iter().any(|w| self.output_words.contains(w))
            && !words.iter().any(|w| self.input_words.contains(w))
    }

    /// How a manifest key is known to name an output: [`Certainty::Stated`] when
    /// `[artifacts] output_keys` lists it, [`Certainty::Named`] when only its words say so
    /// ([`Vocabulary::is_output_name`]), `None` for any other key.
    pub fn output_key(&self, key: &str) -> Option<Certainty> {
        if self.output_keys.is_match(key) {
            Some(Certainty::Stated)
        } else {
            self.is_output_name(key).then_some(Certainty::Named)
        }
    }

    /// Whether `name` is a repository-root variable.
    pub fn is_root_variable(&self, name: &str) -> bool {
        self.root_variables.iter().any(|r| r == name)
    }
}

/// The lower-case words of a name: `OUT_DIR` gives `out`, `dir`; `evidenceDir` gives
/// `evidence`, `dir`; `HTTPServer` gives `http`, `server`.
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(['_', '-', '.']).flat_map(|part| {
        let mut out = Vec::new();
        let mut cur = String::new();
        let chars: Vec<char> = part.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let boundary = i > 0
                && c.is_uppercase()
                && (chars[i - 1].is_lowercase()
                    || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.extend(c.to_lowercase());
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    })
}

/// At most 80 characters of `raw`, for messages.
pub fn abbreviate(raw: &str) -> String {
    let raw = raw.trim();
    if raw.chars().count() <= 80 {
        raw.to_string()
    } else {
        let head: String = raw.chars().take(77).collect();
        format!("{head}...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The one-pass check gives what splitting the name into words gives.
        #[test]
        fn the_one_pass_check_changes_no_answer(
            name in "([A-Za-z]{0,3}|OUT|out|Dir|report|REPORT|Evidence|input|_|-|\\.|é){0,6}",
        ) {
            let v = Vocabulary::of(&ArtifactsConfig::default());
            let words: Vec<String> = words(&name).collect();
            let slow = words.iter().any(|w| v.output_words.contains(w))
                && !words.iter().any(|w| v.input_words.contains(w));
            proptest::prop_assert_eq!(v.is_output_name(&name), slow, "{}", name);
        }
    }

    #[test]
    fn output_names() {
        let v = Vocabulary::of(&ArtifactsConfig::default());
        for name in [
            "OUT_DIR",
            "ARTIFACTS_ROOT",
            "evidenceDir",
            "OPS_RUN_DIR",
            "report_dir",
            "evidence_path",
            "expected_artifacts",
            "output",
            "load_out_dir",
        ] {
            assert!(v.is_output_name(name), "{name}");
        }
        for name in [
            "CHART_DIR",
            "RUNNER",
            "layout",
            "base_report",
            "evidence_schema_path",
            "input_dirs",
            "levels_path",
            "baseline_report",
        ] {
            assert!(!v.is_output_name(name), "{name}");
        }
    }
}
