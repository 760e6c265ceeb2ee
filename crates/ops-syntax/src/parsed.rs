//! One parse per file, shared by every rule that reads it.
//!
//! In the scan pass every rule that wants a file gets the same [`SourceFile`]; asking for
//! its parse through these functions reads (lexes, parses) it the first time and hands the
//! same value to every later caller, for the life of the view. Rules must use these rather
//! than calling the readers on `file.text()` themselves, or a file would be parsed once per
//! rule.
//!
//! Each function's error is the file's read error (too large, not UTF-8, unreadable).

use std::sync::Arc;

use ops_model::{ReadError, SourceFile};

use crate::python::{Budget as PythonBudget, PythonModule};
use crate::shell::{Limits, Mode, Script};
use crate::workflow::{Workflow, read_workflow};
use crate::yaml::{YamlDocument, YamlError, read_yaml};

/// The file read as a whole shell script ([`Mode::Script`], default [`Limits`]).
pub fn shell(file: &SourceFile<'_>) -> Result<Arc<Script<'static>>, ReadError> {
    file.derived(|text| Script::parse_owned(text.to_string(), Mode::Script, Limits::default()))
}

/// The file parsed as Python with the default [`PythonBudget`].
pub fn python(file: &SourceFile<'_>) -> Result<Arc<PythonModule<'static>>, ReadError> {
    file.derived(|text| PythonModule::parse_owned(text.to_string(), &PythonBudget::default()))
}

/// The file's YAML stream, or the YAML error that stopped it.
#[derive(Debug)]
pub struct Yaml(pub Result<Vec<YamlDocument>, YamlError>);

/// The file read as a YAML stream.
pub fn yaml(file: &SourceFile<'_>) -> Result<Arc<Yaml>, ReadError> {
    file.derived(|text| Yaml(read_yaml(text)))
}

/// The file read as a GitHub Actions workflow.
pub fn workflow(file: &SourceFile<'_>) -> Result<Arc<Workflow>, ReadError> {
    file.derived(read_workflow)
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
