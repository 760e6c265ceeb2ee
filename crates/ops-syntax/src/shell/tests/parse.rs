use super::{commands, first_simple};
use crate::shell::{Command, Compound, Connector, Script, WordPart};

#[test]
fn simple_commands_assignments_and_redirections() {
    assert_eq!(
        commands("A=1 B=\"x y\" cmd -f \"a b\" 2>&1 >/dev/null <in"),
        ["A=1|B=\"x y\"|cmd|-f|\"a b\"|2>&1|>/dev/null|<in"]
    );
    assert_eq!(commands("echo A=b"), ["echo|A=b"]);
    assert_eq!(commands(">log echo hi"), ["echo|hi|>log"]);
}

#[test]
fn lists_pipelines_and_negation() {
    let script = Script::parse("! a | b && c || d & e; f\n");
    let items = &script.program.items;
    assert_eq!(items.len(), 3);
    assert!(items[0].background && !items[1].background);
    let first = &items[0].and_or;
    assert!(first.first.negated);
    assert_eq!(first.first.commands.len(), 2);
    assert_eq!(
        first.rest.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        [Connector::And, Connector::Or]
    );
    assert!(script.notes.is_empty());
}

#[test]
fn compound_commands() {
    let text = "if a; then b; elif c; then d; else e; fi\nwhile f; do g; done\nuntil h; do i; done\nfor x in 1 2; do j; done\nfor ((k=0; k<2; k++)); do l; done\ncase $y in a|b) m;; *) n;; esac\n{ o; } >log\n(p)\n[[ $q == r && -n s ]]\n(( t > 1 ))\n";
    let script = Script::parse(text);
    assert!(script.notes.is_empty(), "{:?}", script.notes);
    let kinds: Vec<&str> = script
        .program
        .items
        .iter()
        .map(|i| match &i.and_or.first.commands[0] {
            Command::Compound(c) => match &c.kind {
                Compound::If {
                    branches,
                    else_body,
                } => {
                    assert_eq!(branches.len(), 2);
                    assert!(else_body.is_some());
                    "if"
                }
                Compound::While { until: false, .. } => "while",
                Compound::While { until: true, .. } => "until",
                Compound::For { words, .. } => {
                    assert_eq!(words.as_ref().map(Vec::len), Some(2));
                    "for"
                }
                Compound::ArithFor { .. } => "arith-for",
                Compound::Case { arms, .. } => {
                    assert_eq!(arms[0].patterns.len(), 2);
                    "case"
                }
                Compound::Brace(_) => {
                    assert_eq!(c.redirects.len(), 1);
                    "brace"
                }
                Compound::Subshell(_) => "subshell",
                Compound::Arith(_) => "arith",
            },
            Command::Simple(s) => {
                assert_eq!(s.words.len(), 8);
                "simple"
            }
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "if",
            "while",
            "until",
            "for",
            "arith-for",
            "case",
            "brace",
            "subshell",
            "simple",
            "arith"
        ]
    );
    assert_eq!(
        commands(text).len(),
        16,
        "a b c d e f g h i j l m n o p and [[ ]]"
    );
}

#[test]
fn functions() {
    let script = Script::parse("f() { a; }\nfunction g { b; }\nfunction h() (c)\nk ()\n{\n d\n}\n");
    let names: Vec<&str> = script
        .program
        .items
        .iter()
        .filter_map(|i| match &i.and_or.first.commands[0] {
            Command::Function(f) => Some(f.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["f", "g", "h", "k"]);
    assert!(script.notes.is_empty(), "{:?}", script.notes);
}

#[test]
fn substitutions_are_parsed() {
    let script = Script::parse("x=\"$(cd \"$(dirname \"$0\")\" && pwd)\" `a \\`b\\``");
    let c = first_simple(&script);
    assert_eq!(c.assignments[0].name, "x");
    assert_eq!(
        super::commands("echo \"$(cd \"$(dirname \"$0\")\" && pwd)\""),
        [
            "dirname|\"$0\"",
            "cd|\"$(dirname \"$0\")\"",
            "pwd",
            "echo|\"$(cd \"$(dirname \"$0\")\" && pwd)\""
        ]
    );
    let WordPart::DoubleQuoted(inner) = &c.assignments[0].value.parts[0] else {
        panic!("{:?}", c.assignments[0].value);
    };
    assert!(matches!(inner[0], WordPart::CommandSubst(_)));
    assert_eq!(commands("echo `a \\`b\\``").len(), 3);
    assert_eq!(commands("diff <(sort a) <(sort b)").len(), 3);
}

#[test]
fn broken_input_is_read_as_far_as_it_goes() {
    let script = Script::parse("if true; then echo x\n");
    assert_eq!(script.notes.len(), 1, "{:?}", script.notes);
    assert_eq!(script.notes[0].message, "missing `fi`");
    let script = Script::parse("a )\nfi\nb");
    assert_eq!(commands("a )\nfi\nb"), ["a", "b"]);
    assert_eq!(script.notes.len(), 2);
    let fragment = Script::fragment("echo \"unterminated $(x");
    assert!(fragment.notes.is_empty());
    assert_eq!(commands("echo \"unterminated $(x").len(), 2);
}

#[test]
fn lines_and_columns() {
    let script = Script::parse("a\n  b \\\n c\nd");
    let lines: Vec<u32> = script
        .program
        .simple_commands()
        .iter()
        .map(|c| script.line_of(c.start))
        .collect();
    assert_eq!(lines, [1, 2, 4]);
    assert_eq!(script.column_of(4), 3);
}
