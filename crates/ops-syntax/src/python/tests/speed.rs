//! Speed on a large input: `cargo test -p ops-syntax --release speed -- --ignored --nocapture`
//! (set `OPS_PY_SPEED_FILE` to time a file of your own instead of the generated one).

use std::time::Instant;

use crate::python::{Budget, PythonModule, WriteOptions};

/// About `bytes` of realistic Python: imports, module constants, functions that write.
fn generated(bytes: usize) -> String {
    let mut out = String::new();
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&format!(
            r##"import os, json
from pathlib import Path
from ..pkg{i}.mod import (helper_{i},
    other_{i} as o{i})
ROOT_{i} = Path(__file__).resolve().parents[2]
OUT_{i} = Path(os.environ.get("OUT_{i}", "artifacts/out{i}"))


def run_{i}(suite, data):
    """Writes the report of suite {i}: open('doc', 'w') is not a write."""
    target = OUT_{i} / suite / f"summary-{{suite}}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8") as fh:
        json.dump({{"suite": suite, "n": {i}}}, fh)  # open(x, "w") in a comment
    os.makedirs(os.path.join(ROOT_{i}, "artifacts", "k6"), exist_ok=True)
    for item in data:
        if item and not item.startswith("#"):
            print("item", item, len(data) * {i})
    return [x * 2 for x in range(10) if x % 3]


class Report{i}:
    def write(self, path=None):
        Path("artifacts/reports/{i}.txt").write_text("ok\n")

"##
        ));
        i += 1;
    }
    out
}

#[test]
#[ignore = "timing, run in release"]
fn speed() {
    let text = match std::env::var("OPS_PY_SPEED_FILE") {
        Ok(path) => std::fs::read_to_string(path).unwrap_or_default(),
        Err(_) => generated(1024 * 1024),
    };
    let budget = Budget {
        max_input_bytes: 64 * 1024 * 1024,
        ..Budget::default()
    };
    for _ in 0..3 {
        let start = Instant::now();
        let module = PythonModule::parse(&text, &budget);
        let parsed = start.elapsed();
        let imports = module.imports();
        let after_imports = start.elapsed();
        let writes = module.writes(&WriteOptions::default());
        let total = start.elapsed();
        println!(
            "{} bytes: parse {:?}, imports {:?} ({}), writes {:?} ({} writes, {} diagnostics), total {:?}",
            text.len(),
            parsed,
            after_imports - parsed,
            imports.len(),
            total - after_imports,
            writes.writes.len(),
            writes.diagnostics.len(),
            total
        );
    }
}
