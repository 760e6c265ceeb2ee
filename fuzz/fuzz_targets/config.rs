//! The config loader: ops-check.toml text to a validated contract, or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_model::Contract;

fuzz_target!(|text: &str| {
    let _ = Contract::from_toml(text, std::path::Path::new("ops-check.toml"));
});
