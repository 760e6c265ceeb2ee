//! The Markdown reader (pulldown-cmark): code blocks, code spans, HTML comments.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_syntax::markdown::read_markdown;

fuzz_target!(|text: &str| {
    let md = read_markdown(text);
    for block in &md.code_blocks {
        let _ = block.commands();
    }
    let _ = md.prose_lines().count();
    let _ = md.header_comment();
});
