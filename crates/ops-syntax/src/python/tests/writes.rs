//! Write sites and the values of their paths.

use super::{paths, writes};
use crate::python::{Budget, PythonModule, WriteOptions};

#[test]
fn the_three_examples_of_the_brief() {
    let text = "\
from pathlib import Path
import os
def run(suite):
    (Path(\"artifacts/reports\") / suite / \"summary.md\").write_text(\"ok\")
";
    assert_eq!(
        writes(text),
        [(
            4,
            "write-file",
            "artifacts/reports/…/summary.md".to_string()
        )]
    );

    let text = "\
import json, os
from pathlib import Path
OUT = Path(os.environ.get(\"OUT_DIR\", \"artifacts/out\"))
def main():
    json.dump({}, open(OUT / \"x.json\", \"w\"))
";
    assert_eq!(
        writes(text),
        [(5, "write-file", "artifacts/out/x.json".to_string())]
    );

    let text = "\
import os
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]
os.makedirs(os.path.join(ROOT, \"artifacts\", \"k6\"), exist_ok=True)
";
    assert_eq!(
        writes(text),
        [(4, "make-dir", "$SCRIPT_DIR/../../artifacts/k6".to_string())]
    );
}

#[test]
fn script_directory_forms() {
    assert_eq!(
        paths("ROOT = Path(__file__).resolve().parents[3]\n(ROOT / 'x').touch()\n"),
        ["$SCRIPT_DIR/../../../x"]
    );
    assert_eq!(
        paths("HERE = Path(__file__).parent\n(HERE / 'x').touch()\n"),
        ["$SCRIPT_DIR/x"]
    );
    assert_eq!(
        paths(
            "import os\nD = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\nopen(os.path.join(D, 'o.txt'), 'a')\n"
        ),
        ["$SCRIPT_DIR/../o.txt"]
    );
    assert_eq!(
        paths("Path(__file__).with_suffix('.json').write_text('')\n"),
        ["$SCRIPT_DIR/….json"]
    );
}

#[test]
fn every_write_form() {
    let text = "\
import os, shutil, io, codecs
from pathlib import Path
P = Path('artifacts')
P.write_text('x')
P.write_bytes(b'x')
P.mkdir(parents=True, exist_ok=True)
P.touch()
open('a.txt', 'w')
open('a.txt', mode='a')
open('a.txt', 'xb')
open('a.txt', 'r+')
open(file='k.txt', mode='wb')
io.open('i.txt', 'w')
codecs.open('c.txt', 'w', 'utf-8')
P.open('w')
os.makedirs('d1')
os.mkdir('d2')
shutil.copy('src', 'dst1')
shutil.copy2('src', dst='dst2')
shutil.copyfile('src', 'dst3')
shutil.copytree('src', 'dst4')
shutil.move('src', 'dst5')
import gzip, tarfile, zipfile
gzip.open('g.gz', 'wt')
tarfile.open('t.tgz', 'w:gz')
zipfile.ZipFile('z.zip', mode='w')
tarfile.open('r.tgz', 'r:gz')
zipfile.ZipFile(file='y.zip', mode='a')
";
    let got = writes(text);
    let expected: Vec<(u32, &str, &str)> = vec![
        (4, "write-file", "artifacts"),
        (5, "write-file", "artifacts"),
        (6, "make-dir", "artifacts"),
        (7, "write-file", "artifacts"),
        (8, "write-file", "a.txt"),
        (9, "write-file", "a.txt"),
        (10, "write-file", "a.txt"),
        (11, "write-file", "a.txt"),
        (12, "write-file", "k.txt"),
        (13, "write-file", "i.txt"),
        (14, "write-file", "c.txt"),
        (15, "write-file", "artifacts"),
        (16, "make-dir", "d1"),
        (17, "make-dir", "d2"),
        (18, "copy-dest", "dst1"),
        (19, "copy-dest", "dst2"),
        (20, "copy-dest", "dst3"),
        (21, "copy-dest", "dst4"),
        (22, "copy-dest", "dst5"),
        (24, "write-file", "g.gz"),
        (25, "write-file", "t.tgz"),
        (26, "write-file", "z.zip"),
        (28, "write-file", "y.zip"),
    ];
    let expected: Vec<(u32, &str, String)> = expected
        .into_iter()
        .map(|(l, k, p)| (l, k, p.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn look_alikes_are_not_writes() {
    let text = r#"
from pathlib import Path
import os
"""open('doc.txt', 'w') in a docstring"""
# open('c.txt', 'w')
s = "Path('x').write_text('y')"
open('p')
open('p', 'r')
open('p', 'rb')
open('p', mode='r')
open('p', MODE)
Path('x').read_text()
Path('x').exists()
os.path.exists('a')
f.write('x')
shutil_copy('a', 'b')
def f():
    '''os.makedirs("artifacts")'''
"#;
    assert_eq!(writes(text), []);
}

#[test]
fn aliases_are_followed() {
    let text = "\
import os.path as osp
import shutil as sh
from os import makedirs
from shutil import copy as cp
from pathlib import Path as P
makedirs(osp.join('a', 'b'))
cp('s', P('d') / 'e')
sh.move('s', 'm')
";
    assert_eq!(paths(text), ["a/b", "d/e", "m"]);
}

#[test]
fn strings_and_f_strings() {
    let text = "\
import os
RUN = os.environ['RUN_ID']
BASE = 'artifacts' + '/' + 'runs'
open(f'{BASE}/{RUN}/x.json', 'w')
open(BASE + '/' + 'y' '.txt', 'w')
open(f'{BASE!r}/z', 'w')
open(f'{BASE:>10}/z', 'w')
open(r'raw\\dir/x', 'w')
open(f'{{braces}}/x', 'w')
";
    assert_eq!(
        paths(text),
        [
            "artifacts/runs/…/x.json",
            "artifacts/runs/y.txt",
            "…/z",
            "…/z",
            "raw\\dir/x",
            "{braces}/x"
        ]
    );
}

#[test]
fn environment_defaults_and_root_names() {
    let text = "\
import os
from pathlib import Path
A = os.getenv('A', 'artifacts/a')
B = os.environ.get('B')
C = os.environ.get('C') or 'artifacts/c'
D = Path(os.environ['REPO_ROOT']) / 'artifacts'
E = Path(REPO_ROOT) / 'e'
open(A, 'w')
open(B, 'w')
open(C, 'w')
open(D / 'd', 'w')
open(E, 'w')
open(os.getenv('REPO_ROOT', '/tmp') + '/f', 'w')
";
    assert_eq!(
        paths(text),
        [
            "artifacts/a",
            "…",
            "artifacts/c",
            "$ROOT/artifacts/d",
            "$ROOT/e",
            "$ROOT/f"
        ]
    );
}

#[test]
fn git_toplevel_is_the_root() {
    let text = "\
import subprocess, os
from pathlib import Path
ROOT = Path(subprocess.check_output(['git', 'rev-parse', '--show-toplevel'], text=True).strip())
(ROOT / 'artifacts' / 'x').mkdir()
TOP = subprocess.run(['git', 'rev-parse', '--show-toplevel'], capture_output=True, text=True).stdout.strip()
os.makedirs(os.path.join(TOP, 'artifacts'))
";
    assert_eq!(paths(text), ["$ROOT/artifacts/x", "$ROOT/artifacts"]);
}

#[test]
fn path_methods() {
    let text = "\
from pathlib import Path
O = Path('artifacts/out/')
O.joinpath('a', 'b.txt').write_text('')
(O / 'r.txt').with_suffix('.json').write_text('')
(O / 'r.txt').with_name('s.txt').write_text('')
(O / 'a' / 'b').parent.mkdir()
Path('./artifacts//x/./y').touch()
Path(O, 'z').touch()
Path().touch()
str(O / 'q')
open(str(O / 'q'), 'w')
";
    assert_eq!(
        paths(text),
        [
            "artifacts/out/a/b.txt",
            "artifacts/out/r.json",
            "artifacts/out/s.txt",
            "artifacts/out/a",
            "artifacts/x/y",
            "artifacts/out/z",
            ".",
            "artifacts/out/q"
        ]
    );
}

#[test]
fn writes_survive_python2_and_syntax_errors() {
    let text = "\
print \"starting\"
open('artifacts/a.txt', 'w')
def broken(:
    pass
except Exception, e:
    pass
import os
os.makedirs('artifacts/b')
";
    let got = paths(text);
    assert!(got.contains(&"artifacts/a.txt".to_string()), "{got:?}");
    assert!(got.contains(&"artifacts/b".to_string()), "{got:?}");
}

#[test]
fn unknown_paths_are_still_sites() {
    let got = writes("import sys\nopen(sys.argv[1], 'w')\nget_dir().mkdir()\n");
    assert_eq!(
        got,
        [
            (2, "write-file", "…".to_string()),
            (3, "make-dir", "…".to_string())
        ]
    );
}

#[test]
fn write_reports_call_raw_and_column() {
    let module = crate::python::PythonModule::parse(
        "x = 1; (Path('a') / 'é').write_text('')\n",
        &crate::python::Budget::default(),
    );
    let w = module.writes(&Default::default());
    let w = &w.writes[0];
    assert_eq!((w.line, w.column), (1, 26));
    assert_eq!(w.call, ".write_text");
    assert_eq!(w.raw, "(Path('a') / 'é')");
}

#[test]
fn format_and_percent() {
    let text = "\
OUT = 'artifacts/out'
open('{}/{name}.json'.format(OUT, name='x'), 'w')
open('{0}/{0}-{1}'.format(OUT, RUN), 'w')
open('{{lit}}/{!r}'.format(OUT), 'w')
open('%s/y.txt' % OUT, 'w')
open('%s/%s.txt' % (OUT, 'z'), 'w')
open('%s/%d.txt' % (OUT, 3), 'w')
open('100%%/%s' % OUT, 'w')
open(PREFIX.format(OUT), 'w')
";
    assert_eq!(
        paths(text),
        [
            "artifacts/out/x.json",
            "artifacts/out/artifacts/out-…",
            "{lit}/…",
            "artifacts/out/y.txt",
            "artifacts/out/z.txt",
            "artifacts/out/…",
            "100%/artifacts/out",
            "…"
        ]
    );
}

#[test]
fn writes_name_the_assignment_their_path_flows_through() {
    let text = "\
import os
from pathlib import Path
OUT = Path('artifacts/obs')
REPORT_DIR = os.environ.get('X', 'artifacts/qc')
def main(suite):
    OUT.mkdir(parents=True)
    with open(OUT / f'{suite}.json', 'w') as fh:
        pass
    os.makedirs(REPORT_DIR)
    open(os.path.join(REPORT_DIR, 'r.json'), 'w')
    (Path('artifacts/reports') / suite / 'x.md').write_text('')
    local = Path('artifacts/local')
    local.touch()
    open(sys.argv[1], 'w')
";
    let module = PythonModule::parse(text, &Budget::default());
    let got: Vec<(u32, Option<(String, u32)>)> = module
        .writes(&WriteOptions::default())
        .writes
        .into_iter()
        .map(|w| (w.line, w.via.map(|v| (v.name, v.line))))
        .collect();
    let via = |n: &str, l: u32| Some((n.to_string(), l));
    assert_eq!(
        got,
        [
            (6, via("OUT", 3)),
            (7, via("OUT", 3)),
            (9, via("REPORT_DIR", 4)),
            (10, via("REPORT_DIR", 4)),
            (11, None),
            (13, via("local", 12)),
            (14, None),
        ]
    );
}
