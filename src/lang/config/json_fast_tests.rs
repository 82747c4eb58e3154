//! The one-pass JSON reader against the tree-sitter walk: the same entries
//! wherever it answers, and no answer where the tree has an error.

use super::super::tests::on_small_stack;
use crate::facts::Extraction;

/// Every entry, by the one-pass reader.
fn extract(text: &str) -> Option<Extraction> {
    super::extract(text, None)
}

/// Every entry, by the tree walk.
fn extract_with_tree(text: &str) -> Extraction {
    super::super::json::extract_with_tree(text, None)
}

/// Well-formed inputs, each covering one construct the two readers must agree on.
const AGREE: &[&str] = &[
    "",
    "  \n",
    "{}",
    "[]",
    "1",
    "\"top\"",
    "{} []",
    "{\"a\": 1} {\"b\": 2}",
    "true1",
    r#"{"name": "app", "n": -1.5e2, "ok": true, "no": false, "nil": null, "z": 0, "f": 1., "g": 1.e5, "h": -0.25E-3}"#,
    r#"{"esc\"key": "\u00e9\n\ud83d\ude00", "bad": "\u12", "slash": "a\/b", "tab": "a	b", "cr": "a\rb"}"#,
    r#"{"nested": {"list": [1, {"x": "y"}], "empty": {}, "none": []}}"#,
    r#"[1, "two", [3, [4]], {"five": 5}]"#,
    r#"{"env": [{"name": "NODE_TLS_REJECT_UNAUTHORIZED", "value": "0"}, {"name": "X", "value": {"deep": 1}}]}"#,
    r#"[{"name": "TOP", "value": 1}, {"value": 2, "name": "LATER"}, {"name": 3, "value": 4}]"#,
    r#"{"env": [{"name": "A", "name": "B", "value": "1", "value": {"o": 1}}]}"#,
    r#"{"environment": ["DEBUG=1", " KEY = v=w ", "=x", "noeq", "ESC\u003dX=1", 7]}"#,
    r#"{"services": {"web": {"environment": ["NODE_ENV=production"]}}}"#,
    r#"[["environment"], {"environment": [["A=1"]]}]"#,
    "// settings\n{\n  /* block */ \"a\": 1, // trailing\n  \"b\": /* inline */ \"two\"\n}\n",
    "{\"a\" /* c */ : /* d */ [ /* e */ 1 /* f */ , 2 ] /* g */ }",
    "{\"a\": \"x // not a comment\", \"b\": \"/* nor this */\"}",
    "{\"a\": 1 // trailing comment\r\n, \"b\": 2}\r\n",
    "/**/{\"a\":/***/1/* ** */}",
    "{\"dup\": 1, \"dup\": 2}",
    "{\"uni\": \"ünïcødé ✓\", \"ключ\": \"значение\"}",
    "[[[1]]]",
];

/// Inputs with errors (or constructs left to the tree walk): no answer.
const DECLINE: &[&str] = &[
    "{",
    "[",
    "\"",
    "{\"a\":}",
    "{\"a\": 1 \"b\": 2}",
    "{\"a\": 1,}",
    "[1,,2]",
    "[1 2]",
    "}}}",
    "{a: 1}",
    "{'a': 1}",
    "{\"a\": 1e+5}",
    "{\"a\": +1}",
    "{\"a\": 01}",
    "{\"a\": .5}",
    "{\"a\": -}",
    "{\"a\": NaN}",
    "{\"a\": tru}",
    "{\"a\": truex}",
    "{\"a\": \"line\nbreak\"}",
    "{\"a\": \"\\x41\"}",
    "{\"a\": \"\u{0}\"}",
    "{\"a\": 1}\u{a0}",
    "{\"a\": 1} /* open",
    "{\"a\": 1} / 2",
    "// a\rb\n{}",
    "1,2",
];

#[test]
fn agrees_with_the_tree_walk_on_well_formed_json() {
    for text in AGREE {
        let tree = extract_with_tree(text);
        assert_eq!(tree.problem, None, "tree-sitter accepts {text:?}");
        assert_eq!(extract(text).as_ref(), Some(&tree), "{text:?}");
    }
}

#[test]
fn declines_what_the_tree_walk_reports_as_an_error() {
    for text in DECLINE {
        assert_eq!(extract(text), None, "{text:?}");
    }
}

#[test]
fn agrees_on_the_corpus_json_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut stack = vec![root];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("corpus is readable")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).expect("corpus JSON is UTF-8");
                let tree = extract_with_tree(&text);
                if tree.problem.is_none() {
                    assert_eq!(extract(&text).as_ref(), Some(&tree), "{}", path.display());
                    seen += 1;
                }
            }
        }
    }
    assert!(seen >= 5, "the corpus has well-formed JSON files");
}

#[test]
fn deep_nesting_is_read_without_recursion_and_bounded() {
    let deep = on_small_stack(|| {
        let depth = 10_000;
        let arrays = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", "{\"k\":".repeat(depth), "}".repeat(depth));
        (extract(&arrays), extract(&objects))
    });
    assert_eq!(deep.0.map(|e| e.facts.len()), Some(0));
    assert_eq!(deep.1.map(|e| e.facts.len()), Some(0));
    for depth in [255, 256, 257] {
        let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let tree = on_small_stack(move || extract_with_tree(&text));
        let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(extract(&text), Some(tree), "depth {depth}");
    }
}

#[test]
fn agrees_on_long_arrays_and_escaped_keys() {
    let items: Vec<String> = (0..5000)
        .map(|i| format!("{{\"k\\u0031\": {i}}}"))
        .collect();
    let text = format!(
        "{{\"list\": [{}], \"environment\": [\"A=1\"]}}",
        items.join(",")
    );
    let tree = extract_with_tree(&text);
    assert_eq!(tree.problem, None);
    assert_eq!(extract(&text).as_ref(), Some(&tree));
}
