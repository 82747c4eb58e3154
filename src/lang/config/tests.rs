//! Tests of the shared pieces of the configuration front end, and helpers the per-format tests use.

use super::*;

/// The entries of an extraction, for assertions.
pub(super) fn entries(extraction: &Extraction) -> Vec<&Entry> {
    extraction
        .facts
        .iter()
        .map(|fact| match fact {
            Fact::Entry(entry) => entry,
            other => panic!("config front end produced a non-entry fact: {other:?}"),
        })
        .collect()
}

/// The dotted key paths, in order, so tests can compare whole files.
pub(super) fn paths(extraction: &Extraction) -> Vec<String> {
    entries(extraction)
        .iter()
        .map(|e| e.key_path.join("."))
        .collect()
}

/// The single entry at `path`; fails listing what there is otherwise.
pub(super) fn get<'e>(extraction: &'e Extraction, path: &str) -> &'e Entry {
    let found: Vec<_> = entries(extraction)
        .into_iter()
        .filter(|e| e.key_path.join(".") == path)
        .collect();
    match found.as_slice() {
        [one] => one,
        _ => panic!(
            "{} entries at {path}; have {:?}",
            found.len(),
            paths(extraction)
        ),
    }
}

/// Checks the entry at `path`: its value, and that its key and value spans
/// slice `text` to exactly `key` and `raw`.
pub(super) fn check(
    text: &str,
    extraction: &Extraction,
    path: &str,
    key: &str,
    raw: &str,
    value: Value,
) {
    let entry = get(extraction, path);
    assert_eq!(entry.value.value, value, "value at {path}");
    assert_eq!(
        &text[entry.key_span.start..entry.key_span.end],
        key,
        "key span at {path}"
    );
    assert_eq!(
        &text[entry.value.span.start..entry.value.span.end],
        raw,
        "value span at {path}"
    );
    assert!(
        entry.span.start <= entry.key_span.start && entry.value.span.end <= entry.span.end,
        "pair span at {path}"
    );
}

/// Runs `f` on a 2 MiB stack, as a worker thread would have.
pub(super) fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn test thread")
        .join()
        .expect("extraction on a 2 MiB stack must not overflow or panic")
}

#[test]
fn decimal_numbers_validated() {
    assert_eq!(decimal_number("-12"), Some(-12.0));
    assert_eq!(decimal_number("1.5e3"), Some(1500.0));
    assert_eq!(decimal_number(".5"), Some(0.5));
    assert_eq!(decimal_number("1."), Some(1.0));
    assert_eq!(decimal_number("inf"), None);
    assert_eq!(decimal_number("NaN"), None);
    assert_eq!(decimal_number("."), None);
    assert_eq!(decimal_number("1e"), None);
    assert_eq!(decimal_number("1_000"), None);
    assert_eq!(radix_number("ff", 16), Some(255.0));
    assert_eq!(radix_number("8", 8), None);
}

#[test]
fn paths_rebuild_segments() {
    let mut paths = Paths::new();
    let a = paths.child(Paths::ROOT, "a".into());
    let b = paths.child(a, "0".into());
    assert_eq!(paths.segments(b), vec!["a", "0"]);
    assert_eq!(paths.last(b), Some("0"));
    assert_eq!(paths.last(Paths::ROOT), None);
}

#[test]
fn only_wanted_entries_are_stored_in_every_format() {
    let wanted = |segments: &[&str]| {
        segments
            .last()
            .is_some_and(|s| s.to_ascii_lowercase().ends_with("password"))
    };
    let keep: KeepEntry<'_> = Some(&wanted);
    let cases: [(&str, Extraction); 5] = [
        (
            "JSON",
            extract_json(
                r#"{"db": {"host": "h", "password": "p"}, "env": [{"name": "DB_PASSWORD", "value": "q"}]}"#,
                keep,
            ),
        ),
        (
            "JSON with comments",
            extract_json(
                "// c\n{\"db\": {\"host\": \"h\", \"password\": \"p\",}}",
                keep,
            ),
        ),
        (
            "YAML",
            extract_yaml("db:\n  host: h\n  password: p\n", keep),
        ),
        (
            "TOML",
            extract_toml("[db]\nhost = \"h\"\npassword = \"p\"\n", keep),
        ),
        (".env", extract_dotenv("DB_HOST=h\nDB_PASSWORD=p\n", keep)),
    ];
    let expected: [&[&str]; 5] = [
        &["db.password", "env.DB_PASSWORD"],
        &["db.password"],
        &["db.password"],
        &["db.password"],
        &["DB_PASSWORD"],
    ];
    for ((format, extraction), expected) in cases.iter().zip(expected) {
        assert_eq!(paths(extraction), expected, "{format}");
    }
}
