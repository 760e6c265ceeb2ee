use crate::shell::{Limits, Op, RedirOp, TokenKind, lex};

fn kinds(text: &str) -> Vec<String> {
    let (tokens, _, _) = lex(text, Limits::default());
    tokens
        .iter()
        .map(|t| match &t.kind {
            TokenKind::Word(_) => format!("W:{}", &text[t.start..t.end]),
            TokenKind::Op(op) => format!("O:{}", op.as_str()),
            TokenKind::IoNumber(n) => format!("N:{n}"),
            TokenKind::HereDoc(h) => format!("H:{}:{:?}", h.delimiter_text, h.body.literal()),
            TokenKind::Arith(a) => format!("A:{a}"),
            TokenKind::Newline => "NL".into(),
            TokenKind::Comment => "C".into(),
        })
        .collect()
}

#[test]
fn operators_and_redirections() {
    assert_eq!(
        kinds("a 2>&1 &>x >|y >>z b|&c;;d;&e&&f||g<<<h"),
        [
            "W:a", "N:2", "O:>&", "W:1", "O:&>", "W:x", "O:>|", "W:y", "O:>>", "W:z", "W:b",
            "O:|&", "W:c", "O:;;", "W:d", "O:;&", "W:e", "O:&&", "W:f", "O:||", "W:g", "O:<<<",
            "W:h"
        ]
    );
    assert_eq!(kinds("a2>x"), ["W:a2", "O:>", "W:x"]);
}

#[test]
fn quoting_keeps_words_whole() {
    assert_eq!(
        kinds(r#"echo "a|b;c" 'd&&e' $'f\'g|' h\|i "$(x | y)" `p;q` # c|d"#),
        [
            "W:echo",
            r#"W:"a|b;c""#,
            "W:'d&&e'",
            r"W:$'f\'g|'",
            r"W:h\|i",
            r#"W:"$(x | y)""#,
            "W:`p;q`",
            "C"
        ]
    );
    assert_eq!(kinds("a#b #c"), ["W:a#b", "C"]);
    assert_eq!(kinds("${x#*/} ${y:-a b}"), ["W:${x#*/}", "W:${y:-a b}"]);
}

#[test]
fn continuations_and_arithmetic() {
    assert_eq!(kinds("a \\\n  b"), ["W:a", "W:b"]);
    assert_eq!(kinds("x$((1 + (2)))y"), ["W:x$((1 + (2)))y"]);
    assert_eq!(kinds("(( i++ < 3 ))"), ["A: i++ < 3 "]);
    assert_eq!(kinds("cat <(a) >(b)"), ["W:cat", "W:<(a)", "W:>(b)"]);
    assert_eq!(
        kinds("$(case x in a) b;; esac) z"),
        ["W:$(case x in a) b;; esac)", "W:z"]
    );
}

#[test]
fn heredocs() {
    let text = "cat <<EOF >out\nline $x\n> not a redirect\nEOF\nnext\ncat <<-'E2'\n\tbody\n\tE2\nz";
    assert_eq!(
        kinds(text),
        [
            "W:cat",
            "O:<<",
            "H:EOF:None",
            "O:>",
            "W:out",
            "NL",
            "W:next",
            "NL",
            "W:cat",
            "O:<<-",
            "H:E2:Some(\"body\\n\")",
            "NL",
            "W:z"
        ]
    );
    let (tokens, notes, _) = lex("cat <<EOF\nnever closed\n", Limits::default());
    assert!(matches!(&tokens[2].kind, TokenKind::HereDoc(h) if !h.terminated));
    assert_eq!(notes.len(), 1);
}

#[test]
fn offsets_and_unterminated_input() {
    let (tokens, notes, _) = lex("echo 'open\nstill", Limits::default());
    assert_eq!((tokens[1].start, tokens[1].end), (5, 16));
    assert_eq!(notes[0].message, "unterminated single quote");
    let (tokens, notes, _) = lex("x $(a \"b", Limits::default());
    assert_eq!(tokens.len(), 2);
    assert!(notes.len() >= 2);
    assert_eq!(Op::Redirect(RedirOp::AndDGreat).as_str(), "&>>");
}

#[test]
fn literal_cow_borrows_plain_words_and_equals_literal() {
    use std::borrow::Cow;
    let text = r#"kubectl "a b"'c' $X --version=1.2 pre"$Y""#;
    let (tokens, _, _) = lex(text, Limits::default());
    for t in &tokens {
        let TokenKind::Word(w) = &t.kind else {
            continue;
        };
        assert_eq!(w.literal_cow().map(Cow::into_owned), w.literal(), "{w:?}");
        if w.plain().is_some() {
            assert!(matches!(w.literal_cow(), Some(Cow::Borrowed(_))));
        }
    }
}
