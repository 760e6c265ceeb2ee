//! One parse per file, shared by every rule that reads it.
//!
//! In the scan pass every rule that wants a file gets the same [`SourceFile`]; asking for
//! its parse through these functions reads (lexes, parses) it the first time and hands the
//! same value to every later caller, for the life of the view. Rules must use these rather
//! than calling the readers on `file.text()` themselves, or a file would be parsed once per
//! rule.
//!
//! Each reader runs within the run's budgets ([`SourceFile::limits`], `[limits]` of the
//! config). Each function's error is the file's read error (too large, not UTF-8,
//! unreadable).

use std::sync::Arc;

use ops_model::{ReadError, SourceFile};

use crate::python::PythonModule;
use crate::shell::{Mode, Script};
use crate::workflow::{Workflow, read_workflow_with};
use crate::yaml::{YamlDocument, YamlError, read_yaml_with};

/// The file read as a whole shell script ([`Mode::Script`], `[limits.shell]`).
pub fn shell(file: &SourceFile<'_>) -> Result<Arc<Script<'static>>, ReadError> {
    let limits = file.limits().shell.clone();
    file.derived(|text| Script::parse_owned(text.to_string(), Mode::Script, limits))
}

/// The file parsed as Python (`[limits.python]`).
pub fn python(file: &SourceFile<'_>) -> Result<Arc<PythonModule<'static>>, ReadError> {
    let limits = &file.limits().python;
    file.derived(|text| PythonModule::parse_owned(text.to_string(), limits))
}

/// The file's YAML stream, or the YAML error that stopped it.
#[derive(Debug)]
pub struct Yaml(pub Result<Vec<YamlDocument>, YamlError>);

/// The file read as a YAML stream (`[limits.yaml]`).
pub fn yaml(file: &SourceFile<'_>) -> Result<Arc<Yaml>, ReadError> {
    let limits = &file.limits().yaml;
    file.derived(|text| Yaml(read_yaml_with(text, limits)))
}

/// The file read as a GitHub Actions workflow (`[limits.yaml]`).
pub fn workflow(file: &SourceFile<'_>) -> Result<Arc<Workflow>, ReadError> {
    let limits = &file.limits().yaml;
    file.derived(|text| read_workflow_with(text, limits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn a_file_is_parsed_once_however_many_ask() {
        let repo = TestRepo::new()
            .file("ops/x.sh", "echo hi\n")
            .file("ops/y.py", "import os\n");
        let run = repo.context();
        let files = &run.files;
        let sh = files.source(&ops_model::RepoPath::new("ops/x.sh")).unwrap();
        let a = shell(&sh).unwrap();
        let b = shell(&sh).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.text(), "echo hi\n");
        let py = files.source(&ops_model::RepoPath::new("ops/y.py")).unwrap();
        assert_eq!(python(&py).unwrap().imports().len(), 1);
    }
}
