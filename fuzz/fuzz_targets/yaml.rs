//! The YAML reader: JSON values with positions, merge keys, aliases under a budget.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_syntax::yaml::read_yaml;

fuzz_target!(|text: &str| {
    if let Ok(docs) = read_yaml(text) {
        for doc in &docs {
            let _ = doc.position("");
            let _ = doc.position("/a/0/b");
            let _ = doc.root.all_entries().len();
        }
    }
});
