//! Tests of the tree generator.

#![allow(clippy::unwrap_used)]
use super::*;

fn fixture() -> Fixture {
    let file = FixtureFile::text;
    Fixture::from_files(
        "t".into(),
        vec![
            file("Makefile", "include makefiles/ops.mk\n"),
            file("ops/INDEX.md", "# ops\n"),
            file("ops/_meta/surface.json", "{}\n"),
            file("ops/_lib/common.sh", "log() { :; }\n"),
            file(
                "ops/k8s/scripts/deploy.sh",
                "source \"$(dirname \"$0\")/../../_lib/common.sh\"\n",
            ),
            file(
                "ops/k8s/tests/test_store.sh",
                "source ../../stack/tests/cluster.sh\n",
            ),
            file("ops/stack/tests/cluster.sh", "cluster() { :; }\n"),
            file("ops/_schemas/common.v1.schema.json", "{}\n"),
            file(
                "ops/_schemas/load/suite.v1.schema.json",
                "{\"$id\": \"https://h/ops/schemas/load/suite.v1.schema.json\"}\n",
            ),
            file("ops/_schemas/vendor/bom.schema.json", "{}\n"),
            file("docs/runbooks/deploy.md", "see ops/k8s/scripts/deploy.sh\n"),
        ],
    )
}

fn tree(f: &Fixture, shards: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    f.for_each_file(shards, |p, b| {
        out.push((p.to_string(), String::from_utf8_lossy(b).into_owned()));
        Ok(())
    })
    .unwrap();
    out
}

#[test]
fn units_are_domains_schema_dirs_and_runbooks() {
    let paths: Vec<String> = fixture().units().into_iter().map(|u| u.path).collect();
    assert_eq!(
        paths,
        ["ops/stack", "ops/k8s", "ops/_schemas/load", "docs/runbooks"]
    );
}

#[test]
fn shards_multiply_units_and_keep_the_rest_once() {
    let f = fixture();
    let t = tree(&f, 2);
    // 11 fixture files; 5 of them in units, twice.
    assert_eq!(t.len(), 11 + 2 * 5);
    let once = |p: &str| t.iter().filter(|(q, _)| q.ends_with(p)).count();
    assert_eq!(once("surface.json"), 1);
    assert_eq!(once("Makefile"), 1);
    assert_eq!(once("bom.schema.json"), 1);
    assert_eq!(once("cluster.sh"), 3);
    let get = |p: &str| t.iter().find(|(q, _)| q == p).unwrap().1.clone();
    assert_eq!(
        get("ops/k8s/shard-0002/tests/test_store.sh"),
        "source ../../../stack/shard-0002/tests/cluster.sh\n"
    );
    assert!(
        get("ops/_schemas/load/shard-0001/suite.v1.schema.json")
            .contains("ops/schemas/load/shard-0001/suite.v1.schema.json")
    );
    assert_eq!(
        get("docs/runbooks/shard-0001/deploy.md"),
        "see ops/k8s/shard-0001/scripts/deploy.sh\n"
    );
}

#[test]
fn shard_count_reaches_the_target() {
    let f = fixture();
    assert_eq!(f.shards_for(5), 0);
    assert_eq!(f.shards_for(11), 0);
    assert_eq!(f.shards_for(12), 1);
    assert_eq!(f.shards_for(11 + 5 * 40), 40);
    assert_eq!(f.shards_for(11 + 5 * 40 + 1), 41);
}

#[test]
fn the_tree_is_deterministic() {
    assert_eq!(tree(&fixture(), 3), tree(&fixture(), 3));
    assert_eq!(fixture().fingerprint, fixture().fingerprint);
    assert_eq!(fixture().fingerprint.len(), 64);
}

#[test]
fn cached_trees_are_reused_until_stale() {
    let ws = tempfile::tempdir().unwrap();
    let mut builds = 0;
    let mut build = |fp: &str, regenerate| {
        cached(ws.path(), "k", fp, regenerate, |root| {
            builds += 1;
            fs::write(root.join("a.txt"), "a").unwrap();
            Ok((1, 1))
        })
    };
    let first = build("f1", false);
    let Ok(first) = first else {
        // No git on this machine: nothing more to test.
        return;
    };
    assert_eq!((first.files, first.bytes), (1, 1));
    build("f1", false).unwrap();
    build("f2", false).unwrap();
    build("f2", true).unwrap();
    assert_eq!(builds, 3);
    assert!(ws.path().join("target/bench-trees/k/.git").is_dir());
}
