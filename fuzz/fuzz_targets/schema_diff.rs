//! `schema diff`: two JSON documents (split at the first NUL byte), compared as schemas.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut halves = data.splitn(2, |b| *b == 0);
    let (Some(old), Some(new)) = (halves.next(), halves.next()) else {
        return;
    };
    let (Ok(old), Ok(new)) = (
        serde_json::from_slice::<serde_json::Value>(old),
        serde_json::from_slice::<serde_json::Value>(new),
    ) else {
        return;
    };
    let _ = ops_rules_schema::diff::diff(&old, &new);
});
