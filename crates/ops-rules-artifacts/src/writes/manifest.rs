//! Output locations named in JSON and YAML manifests: string values (or lists of strings) of
//! keys named like outputs (`output_dir`, `report_dir`, `evidence_path`, `artifacts`),
//! read with the `ops-syntax` YAML reader (JSON is YAML 1.2, so positions come the same
//! way).
//!
//! A manifest key is an inference: the tool that reads the manifest is not known, only the
//! key's name says the value is written. Keys with an input word (`base_report`,
//! `evidence_schema_path`, `input_dirs`) are read, and so is a value naming a schema. A file
//! that is not valid YAML (a Helm template, a Jinja file) is not read: it is not the
//! manifest its tool reads.

use std::collections::BTreeSet;

use ops_model::Span;
use ops_syntax::StaticValue;
use ops_syntax::shell::{EvalOptions, Script, walk};
use ops_syntax::yaml::{NodeKind, ScalarValue, YamlDocument};

use super::{Cwd, Site, Vocabulary};

/// The output locations named in a manifest's YAML `documents` (the file's shared parse,
/// [`ops_syntax::parsed::yaml`]).
pub fn read(documents: &[YamlDocument], vocab: &Vocabulary) -> Vec<Site> {
    let mut seen: BTreeSet<Span> = BTreeSet::new();
    let mut out = Vec::new();
    for doc in documents {
        for entry in doc.root.all_entries() {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            let Some(certainty) = vocab.output_key(key) else {
                continue;
            };
            let values: Vec<(Span, &str)> = match &entry.value.kind {
                NodeKind::Scalar(s) if s.value == ScalarValue::Str => {
                    vec![(entry.key.span, s.text.as_str())]
                }
                NodeKind::Sequence(items) => items
                    .iter()
                    .filter_map(|i| match &i.kind {
                        NodeKind::Scalar(s) if s.value == ScalarValue::Str => {
                            Some((i.span, s.text.as_str()))
                        }
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            for (span, raw) in values {
                // A merged entry (`<<: *defaults`) is where the anchored mapping wrote it.
                if !seen.insert(span) || !is_path_like(raw) {
                    continue;
                }
                let Some(value) = evaluate(raw, vocab) else {
                    continue;
                };
                out.push(Site {
                    line: span.line,
                    what: format!("manifest key `{key}`"),
                    raw: raw.to_string(),
                    value,
                    cwd: Cwd::Start,
                    via: None,
                    name: None,
                    certainty,
                });
            }
        }
    }
    out.sort_by_key(|s| s.line);
    out
}

/// One path, not a command, a template or a schema.
fn is_path_like(raw: &str) -> bool {
    let name = raw.rsplit('/').next().unwrap_or(raw);
    !raw.is_empty()
        && !raw.contains(char::is_whitespace)
        && !raw.contains("{{")
        && !name.contains(".schema.")
}

/// The value of a manifest string: literal, or, when it uses `${VAR}`, read like a shell
/// word (root variables are the root, anything else unknown).
fn evaluate(raw: &str, vocab: &Vocabulary) -> Option<StaticValue> {
    if !raw.contains('$') {
        return Some(StaticValue::text(raw));
    }
    let script = Script::fragment(raw);
    let opts = EvalOptions {
        root_vars: vocab.root_variables.as_slice().into(),
        ..EvalOptions::default()
    };
    let mut value = None;
    walk(&script, &opts, &mut |v| {
        if value.is_none()
            && let [word] = v.words.as_slice()
        {
            value = Some(word.value.clone());
        }
    });
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::contract::ArtifactsConfig;

    fn sites(text: &str) -> Vec<String> {
        let vocab = Vocabulary::of(&ArtifactsConfig::default());
        let Ok(documents) = ops_syntax::yaml::read_yaml(text) else {
            return Vec::new();
        };
        read(&documents, &vocab)
            .into_iter()
            .map(|s| format!("{} {} {}", s.line, s.what, s.value))
            .collect()
    }

    #[test]
    fn yaml_keys() {
        assert_eq!(
            sites(
                "k6:\n  output_dir: artifacts/load # where\n  name: x\n  reportPath: \"${REPO_ROOT}/ops/_artifacts/r.json\"\n  outputs: |\n    a b\nrun: atlasctl ops k8s deploy\nartifacts: [a/x.json, b/y.json]\n"
            ),
            [
                "2 manifest key `output_dir` artifacts/load",
                "4 manifest key `reportPath` $ROOT/ops/_artifacts/r.json",
                "8 manifest key `artifacts` a/x.json",
                "8 manifest key `artifacts` b/y.json",
            ]
        );
    }

    #[test]
    fn json_inputs_are_read_not_written() {
        let text = "{\n  \"base_report\": \"artifacts/ops/prev/report.json\",\n  \"evidence_schema_path\": \"ops/_schemas/obs/evidence.v1.schema.json\",\n  \"evidence_path\": \"ops/_schemas/obs/e.schema.json\",\n  \"input_dirs\": [\"artifacts/evidence/obs\"],\n  \"output_dir\": \"ops/_artifacts/obs/report\"\n}\n";
        assert_eq!(
            sites(text),
            ["6 manifest key `output_dir` ops/_artifacts/obs/report"]
        );
        assert_eq!(sites("{not yaml: ["), Vec::<String>::new());
    }
}
