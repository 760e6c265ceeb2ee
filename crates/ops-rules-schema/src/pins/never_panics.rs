//! The pin readers never panic on arbitrary text: version and image shapes, version files,
//! shell, make and structured data, whatever a file holds.

use proptest::prelude::*;

use ops_model::testing::TestRepo;
use ops_syntax::shell::Mode;

use super::table::ToolTable;
use super::{files, image, shell, structured, version};

fn table() -> std::sync::Arc<ToolTable> {
    let repo = TestRepo::new().file(
        "configs/ops/tool-versions.json",
        r#"{"helm": "v3.14.4", "k6": "v0.50.0", "kind": "v0.22.0", "python": "3.11.4"}"#,
    );
    ToolTable::of(&repo.context().cx())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn shapes_never_panic(text in "\\PC{0,40}") {
        let _ = version::is_version(&text);
        let _ = version::same(&text, "v1.2.3");
        let _ = image::parse(&text);
        let _ = files::version_file(&text);
    }

    #[test]
    fn readers_never_panic(
        text in "(KIND_VERSION=|k6 |python |--version |image: |grafana/k6:|name: helm\n|\\PC|\n|\t|\"|'|\\$|=|:|-| ){0,80}"
    ) {
        let t = table();
        let _ = files::asdf(&t, &text);
        let _ = files::first_line(&t, "python", &text);
        let _ = files::toolchain(&t, "rust", &text);
        let _ = shell::script(&t, &text, Mode::Script);
        let _ = shell::script(&t, &text, Mode::Fragment);
        let _ = shell::makefile(&t, "Makefile", &text, &Default::default());
        if let Ok(docs) = ops_syntax::yaml::read_yaml(&text) {
            for doc in &docs {
                let _ = structured::find(&t, &doc.root, false);
            }
        }
    }
}
