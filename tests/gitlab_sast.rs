//! `--format gitlab-sast`: GitLab's SAST report, with the fields GitLab's
//! schema 15.0.x requires, one vulnerability per open finding of the JSON
//! report (same redacted message, same place), reproducible with
//! `SOURCE_DATE_EPOCH`.

use std::collections::BTreeSet;

use assert_cmd::Command;

fn scan(format: &str) -> Vec<u8> {
    let out = Command::cargo_bin("comply")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["scan", "--format", format, "corpus"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn every_open_finding_is_a_vulnerability_with_the_required_fields() {
    let bytes = scan("gitlab-sast");
    assert_eq!(bytes, scan("gitlab-sast"), "reruns are byte-identical");
    let report: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&scan("json")).unwrap();
    assert!(report["version"].as_str().unwrap().starts_with("15."));
    let scan = &report["scan"];
    assert_eq!(scan["type"], "sast");
    assert_eq!(scan["status"], "success");
    assert_eq!(scan["start_time"], "2023-11-14T22:13:20");
    for tool in ["analyzer", "scanner"] {
        for key in ["id", "name", "version"] {
            assert!(
                !scan[tool][key].as_str().unwrap().is_empty(),
                "{tool}.{key}"
            );
        }
        assert!(!scan[tool]["vendor"]["name"].as_str().unwrap().is_empty());
    }
    let vulnerabilities = report["vulnerabilities"].as_array().unwrap();
    let open: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "open")
        .collect();
    assert_eq!(vulnerabilities.len(), open.len());
    let ids: BTreeSet<&str> = vulnerabilities
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), vulnerabilities.len(), "ids are unique");
    for (v, f) in vulnerabilities.iter().zip(open) {
        assert_eq!(v["id"], f["fingerprint"]);
        assert_eq!(v["description"], f["message"], "the redacted message");
        assert_eq!(v["location"]["file"], f["path"]);
        assert_eq!(v["location"]["start_line"], f["line"]);
        let severity = v["severity"].as_str().unwrap();
        assert!(["Critical", "High", "Medium", "Low", "Info"].contains(&severity));
        assert_eq!(severity.to_lowercase(), f["severity"].as_str().unwrap());
        let identifiers = v["identifiers"].as_array().unwrap();
        assert_eq!(identifiers[0]["value"], f["rule_id"]);
        for identifier in identifiers {
            for key in ["type", "name", "value"] {
                assert!(!identifier[key].as_str().unwrap().is_empty());
            }
        }
    }
}
