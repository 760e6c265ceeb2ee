//! The manifest path of ops-rules-schema: JSON or YAML text to JSON values, and the position
//! (line, column) of each node by JSON pointer, as SCH004 reports validation errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_rules_schema::{locate_json, push_token};
use ops_syntax::yaml::read_yaml;
use serde_json::Value;

/// JSON pointers of the first nodes of `value`, breadth-first, at most `max`.
fn pointers(value: &Value, max: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut queue = vec![(String::new(), value)];
    let mut i = 0;
    while i < queue.len() && out.len() < max {
        let (at, node) = (queue[i].0.clone(), queue[i].1);
        i += 1;
        let children: Vec<(String, &Value)> = match node {
            Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(n, v)| (n.to_string(), v))
                .collect(),
            _ => continue,
        };
        for (token, child) in children {
            let mut pointer = at.clone();
            push_token(&mut pointer, &token);
            out.push(pointer.clone());
            queue.push((pointer, child));
            if out.len() >= max {
                break;
            }
        }
    }
    out
}

fuzz_target!(|text: &str| {
    let lines = text.matches('\n').count() as u32 + 1;
    let garbage = ["/", "/~", "/~2", "/0/-1", "/a/99999999999999999999"];
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        for pointer in pointers(&value, 256)
            .iter()
            .map(String::as_str)
            .chain(garbage)
        {
            if let Some(pos) = locate_json(text, pointer) {
                assert!(
                    pos.value.line >= 1 && pos.value.line <= lines,
                    "{pointer}: {pos:?}"
                );
            }
        }
    }
    if let Ok(docs) = read_yaml(text) {
        for doc in &docs {
            let Some(value) = &doc.value else { continue };
            for pointer in pointers(value, 256)
                .iter()
                .map(String::as_str)
                .chain(garbage)
            {
                let _ = doc.position(pointer);
            }
        }
    }
});
