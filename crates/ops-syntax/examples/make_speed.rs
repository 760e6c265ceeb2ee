//! Measures the GNU make reader's speed on a generated makefile of many small rules, the
//! shape of a large operator surface: `cargo run --release -p ops-syntax --example
//! make_speed [TARGETS]` (default 200,000).

use std::time::Instant;

use ops_syntax::make::{self, MemoryLoader, Options};
use ops_syntax::{Anchor, StaticValue};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    let mut text =
        String::from("ATLASCTL ?= ./bin/atlasctl\nOUT_DIR := $(ROOT)/ops/_artifacts\n\n");
    for chunk in (1..=n).collect::<Vec<_>>().chunks(16) {
        let names: Vec<String> = chunk.iter().map(|i| format!("ops-gen-{i:06}")).collect();
        text.push_str(&format!(".PHONY: {}\n", names.join(" ")));
    }
    for i in 1..=n {
        text.push_str(&format!(
            "\nops-gen-{i:06}:\n\t$(ATLASCTL) ops gen run --id {i}\n"
        ));
    }
    let loader = MemoryLoader::new().file("gen.mk", &text);
    let limits = make::Limits {
        max_file_bytes: text.len() * 2,
        max_total_bytes: text.len() * 2,
        ..make::Limits::default()
    };
    let options = Options {
        command_line: [("ROOT".to_string(), StaticValue::anchored(Anchor::Root, ""))].into(),
        undefined_unknown: true,
        limits,
        ..Options::default()
    };
    let started = Instant::now();
    let db = make::read("gen.mk", &loader, &options);
    let rules = db.targets().count();
    println!(
        "read {} bytes, {rules} targets, {} problems: {:?}",
        text.len(),
        db.problems().len(),
        started.elapsed()
    );
}
