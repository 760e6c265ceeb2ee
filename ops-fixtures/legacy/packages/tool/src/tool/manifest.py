"""Load a JSON or YAML manifest and validate it against the schema it names."""

import json
from pathlib import Path

import jsonschema
import yaml


def _read(path: Path):
    text = path.read_text()
    if path.suffix in (".yaml", ".yml"):
        return yaml.safe_load(text)
    return json.loads(text)


def load_manifest(path: Path, schema: Path | None = None) -> dict:
    doc = _read(path)
    ref = schema or doc.get("$schema")
    if ref:
        schema_path = (path.parent / ref) if not Path(ref).is_absolute() else Path(ref)
        jsonschema.validate(doc, json.loads(schema_path.read_text()))
    return doc
