//! Write sites of a Python file, from the `ops-syntax` Python reader: `open(p, "w")`,
//! `Path.write_text`, `mkdir`, `os.makedirs`, `shutil` copies, with paths evaluated from
//! literals, module constants and `os.environ.get("X", "default")`.

use ops_syntax::python::{PythonModule, WriteOptions};

use super::{Certainty, Cwd, Site, Via, Vocabulary};

/// The write sites of the Python `module` whose path is at least partly known.
pub fn read(module: &PythonModule<'_>, vocab: &Vocabulary) -> Vec<Site> {
    let options = WriteOptions {
        root_names: vocab.root_variables.clone(),
    };
    module
        .writes(&options)
        .writes
        .into_iter()
        .filter(|w| !w.path.is_unknown())
        .map(|w| Site {
            line: w.line,
            what: format!("`{}`", w.call),
            raw: w.raw,
            value: w.path,
            cwd: Cwd::Start,
            via: w.via.map(|v| Via {
                name: v.name,
                line: v.line,
            }),
            name: None,
            certainty: Certainty::Writes,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::contract::ArtifactsConfig;

    #[test]
    fn writes_with_their_paths() {
        let text = "import os\nfrom pathlib import Path\nOUT = Path('artifacts/obs')\ndef main(suite):\n    OUT.mkdir(parents=True)\n    (Path('artifacts/reports') / suite / 'summary.md').write_text('x')\n    open(sys.argv[1], 'w')\n";
        let vocab = Vocabulary::of(&ArtifactsConfig::default());
        let module = PythonModule::parse(text, &ops_syntax::python::Budget::default());
        let got: Vec<String> = read(&module, &vocab)
            .into_iter()
            .map(|s| {
                format!(
                    "{} {} {} {:?}",
                    s.line,
                    s.what,
                    s.value,
                    s.via.map(|v| v.line)
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "5 `.mkdir` artifacts/obs Some(3)",
                "6 `.write_text` artifacts/reports/…/summary.md None",
            ]
        );
    }
}
