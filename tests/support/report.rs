//! Reading a JSON report in tests.

/// The path of every finding of a JSON report, in report order.
pub fn finding_paths(report: &serde_json::Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["path"].as_str().expect("a path"))
        .collect()
}
