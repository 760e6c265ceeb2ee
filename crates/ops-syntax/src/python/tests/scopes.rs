//! How names are followed through scopes and statements.

use super::paths;

#[test]
fn functions_see_final_globals_and_their_own_locals_in_order() {
    let text = "\
from pathlib import Path
OUT = Path('first')
def main(arg):
    open(OUT / 'a', 'w')
    out = OUT / 'sub'
    out.mkdir()
    out = out / 'deeper'
    (out / 'b').touch()
    open(arg, 'w')
    for item in []:
        open(item, 'w')
    with open(OUT / 'log', 'a') as fh:
        pass
OUT = Path('second')
def shadow(OUT):
    open(OUT / 'c', 'w')
def later():
    open(X / 'd', 'w')
    X = Path('late')
X = Path('global')
";
    assert_eq!(
        paths(text),
        [
            "second/a",
            "second/sub",
            "second/sub/deeper/b",
            "…",
            "…",
            "second/log",
            "…/c",
            "…/d"
        ]
    );
}

#[test]
fn nested_functions_classes_lambdas_and_comprehensions() {
    let text = "\
from pathlib import Path
D = Path('g')
class K:
    D = Path('class')
    open(D / 'body', 'w')
    def m(self):
        open(D / 'method', 'w')
def outer():
    D = Path('outer')
    def inner():
        open(D / 'inner', 'w')
f = lambda D: open(D / 'lam', 'w')
[open(D / 'comp', 'w') for D in range(3)]
";
    assert_eq!(
        paths(text),
        ["class/body", "g/method", "outer/inner", "…/lam", "…/comp"]
    );
}

#[test]
fn assignment_forms() {
    let text = "\
from pathlib import Path
a = b = Path('chain')
c, d = Path('c'), 'd'
e, f = something()
g: Path = Path('annotated')
h = Path('h')
h /= 'more'
i = 'i'
i += '.txt'
open(a, 'w'); open(b, 'w'); open(c, 'w'); open(d, 'w'); open(e, 'w'); open(g, 'w'); open(h, 'w'); open(i, 'w')
";
    assert_eq!(
        paths(text),
        [
            "chain",
            "chain",
            "c",
            "d",
            "…",
            "annotated",
            "h/more",
            "i.txt"
        ]
    );
}

#[test]
fn nested_and_statement_forms() {
    let text = "\
import json
print >>open('py2.log', 'w'), 'x'
print('x', file=open('out.log', 'a'))
with open('in.txt') as r, open('both.txt', 'w') as w:
    json.dump(json.load(r), w)
@register(open('deco.txt', 'w'))
def f(log=open('default.txt', 'w')):
    pass
if __name__ == '__main__':
    try:
        open('try.txt', 'w')
    except OSError as e:
        open('except.txt', 'w')
    finally:
        open('finally.txt', 'w')
";
    assert_eq!(
        paths(text),
        [
            "py2.log",
            "out.log",
            "both.txt",
            "deco.txt",
            "default.txt",
            "try.txt",
            "except.txt",
            "finally.txt"
        ]
    );
}
