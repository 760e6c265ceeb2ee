import json
from pathlib import Path

import pytest

from tool.manifest import load_manifest

REPO = Path(__file__).resolve().parents[3]


def test_tool_manifest_validates_against_its_schema():
    doc = load_manifest(REPO / "ops" / "stack" / "tool-manifest.json")
    assert {t["name"] for t in doc["tools"]} >= {"kind", "helm", "k6"}


def test_invalid_manifest_is_rejected(tmp_path):
    schema = REPO / "packages" / "tool" / "schemas" / "tool.ops.manifest.v1.schema.json"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_name": "tool.ops.manifest", "schema_version": 1, "tools": []}))
    with pytest.raises(Exception):
        load_manifest(bad, schema)
