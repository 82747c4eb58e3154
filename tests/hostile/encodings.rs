//! Bytes that are not plain UTF-8 text, odd line endings, huge lines, huge trees.

use crate::{fake_key, findings, problems, scan_json, skipped, tree, write};

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn a_key_in_a_latin1_file_is_found_and_the_decoding_reported() {
    let key = fake_key(1);
    let mut bytes = b"# Param\xE8tres du d\xE9ploiement\n".to_vec();
    bytes.extend(
        format!("cl\u{e9}_acc\u{e8}s = {key}\n")
            .chars()
            .map(|c| c as u8),
    );
    let dir = tree(&[("deploy/params.txt", &bytes)]);
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&report),
        [(
            "deploy/params.txt".into(),
            2,
            13,
            "secrets/aws-access-key-id".into()
        )]
    );
    let problems = problems(&report);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].1, "not-utf8");
    assert!(problems[0].2.contains("replacement characters"));
}

#[test]
fn utf16_files_with_a_bom_are_transcoded_in_both_byte_orders() {
    for big_endian in [false, true] {
        let key = fake_key(2 + u64::from(big_endian));
        let text = format!(
            "// Exporté par l'outil Windows\r\nconst s3 = require('aws-sdk');\r\nconst id = '{key}';\r\n"
        );
        let dir = tree(&[("legacy/export.js", &utf16(&text, big_endian))]);
        let (code, report) = scan_json(dir.path(), &["."]);
        assert_eq!(code, 1, "big endian: {big_endian}");
        assert_eq!(
            findings(&report),
            [(
                "legacy/export.js".into(),
                3,
                13,
                "secrets/aws-access-key-id".into()
            )],
            "big endian: {big_endian}"
        );
        assert_eq!(report["summary"]["languages"]["javascript"], 1);
        assert!(problems(&report).is_empty());
    }
}

#[test]
fn random_bytes_are_scanned_lossily_or_skipped_as_binary() {
    let key = fake_key(4);
    let mut state: u32 = 0x1234_5678;
    let mut noise = |len: usize, allow_nul: bool| -> Vec<u8> {
        (0..len)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let byte = (state >> 24) as u8;
                if allow_nul || byte != 0 {
                    byte
                } else {
                    b'?'
                }
            })
            .collect()
    };
    let mut text_like = noise(4096, false);
    text_like.extend(format!("\n{key}\n").as_bytes());
    text_like.extend(noise(4096, false));
    let mut binary = noise(4096, true);
    binary[100] = 0;
    binary.extend(format!("\n{key}\n").as_bytes());
    let dir = tree(&[("blob.dat", &text_like), ("image.bin", &binary)]);
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let found = findings(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "blob.dat");
    assert_eq!(found[0].3, "secrets/aws-access-key-id");
    assert_eq!(skipped(&report, "binary"), 1);
    assert!(problems(&report)
        .iter()
        .any(|(path, kind, _)| path == "blob.dat" && kind == "not-utf8"));
}

#[test]
fn a_nul_byte_makes_a_file_binary_and_it_is_counted() {
    let key = fake_key(5);
    let dir = tree(&[
        ("dump.sql", format!("INSERT\0 '{key}'").as_bytes()),
        ("app.js", b"const x = 1;\n"),
    ]);
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 0);
    assert_eq!(skipped(&report, "binary"), 1);
    assert_eq!(report["summary"]["files_scanned"], 1);
}

#[test]
fn empty_and_bom_only_files_scan_clean() {
    let dir = tree(&[
        ("empty.js", b""),
        ("empty.rs", b""),
        ("bom.ts", b"\xEF\xBB\xBF"),
        ("bom.yaml", b"\xEF\xBB\xBF"),
        ("bom16.json", b"\xFF\xFE"),
        (".env", b"\xFE\xFF"),
    ]);
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["files_scanned"], 6);
    assert!(findings(&report).is_empty());
    assert!(problems(&report).is_empty(), "{report}");
}

#[test]
fn crlf_and_cr_line_endings_keep_lines_and_columns_right() {
    let key = fake_key(6);
    let crlf = format!("'use strict';\r\n\r\nconst k = \"{key}\";\r\n");
    let cr = format!("one\rtwo\r  key: {key}\r");
    let dir = tree(&[("crlf.js", crlf.as_bytes()), ("cr.txt", cr.as_bytes())]);
    let (_, report) = scan_json(dir.path(), &["."]);
    let rule = "secrets/aws-access-key-id".to_string();
    assert_eq!(
        findings(&report),
        [
            ("cr.txt".into(), 3, 8, rule.clone()),
            ("crlf.js".into(), 3, 12, rule)
        ]
    );
    let short = crate::run(dir.path(), &["scan", "--format", "short", "."]);
    let lines: Vec<&str> = short.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", short.stdout);
    assert!(lines[0].starts_with("cr.txt:3:8: critical [secrets/aws-access-key-id]"));
    assert!(lines[1].starts_with("crlf.js:3:12: critical [secrets/aws-access-key-id]"));
    assert!(!short.stdout.contains('\r'));
}

#[test]
fn a_one_megabyte_line_is_scanned_with_the_right_column() {
    let key = fake_key(7);
    let mut line = String::from("var t=[");
    while line.len() < 1 << 20 {
        line.push_str("1234567,");
    }
    let column = line.chars().count() + 2;
    line.push_str(&format!("0];var k=\"{key}\";\n"));
    let column = column + "0];var k=\"".len() - 1;
    let dir = tree(&[("bundle.js", line.as_bytes())]);
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&report),
        [(
            "bundle.js".into(),
            1,
            column as u64,
            "secrets/aws-access-key-id".into()
        )]
    );
    let snippet = report["findings"][0]["snippet"].as_str().unwrap();
    assert!(
        snippet.len() < 1000,
        "a snippet never carries the whole line"
    );
}

#[test]
fn files_over_the_default_size_cap_are_skipped_and_counted() {
    let cap = 2 * 1024 * 1024;
    let filler = "// generated fixture data, line padding to the cap\n";
    let mut at_cap = filler.repeat(cap / filler.len() + 1);
    at_cap.truncate(cap);
    let mut over = at_cap.clone();
    over.push('\n');
    assert_eq!(at_cap.len(), cap);
    let dir = tree(&[]);
    write(dir.path(), "at-cap.js", at_cap.as_bytes());
    write(dir.path(), "over-cap.js", over.as_bytes());
    let (_, report) = scan_json(dir.path(), &["."]);
    assert_eq!(skipped(&report, "too-large"), 1);
    assert_eq!(report["summary"]["files_scanned"], 1);
    // comply.yaml's cap applies like the flag.
    write(dir.path(), "comply.yaml", b"max_file_size: 10\n");
    let (_, report) = scan_json(dir.path(), &["."]);
    assert_eq!(skipped(&report, "too-large"), 3);
}

#[test]
fn a_hundred_thousand_tiny_files_are_all_scanned() {
    // A memory-backed folder where there is one: creating 100 000 files on
    // a disk costs more than scanning them.
    let shm = std::path::Path::new("/dev/shm");
    let dir = tempfile::tempdir_in(shm)
        .or_else(|_| tempfile::tempdir())
        .expect("temp dir");
    for folder in 0..100 {
        let path = dir.path().join(format!("pkg{folder:03}"));
        std::fs::create_dir_all(&path).unwrap();
        for file in 0..1000 {
            std::fs::write(path.join(format!("m{file:04}.txt")), b"ok\n").unwrap();
        }
    }
    let key = fake_key(9);
    write(
        dir.path(),
        "pkg042/m0042.txt",
        format!("{key}\n").as_bytes(),
    );
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(report["summary"]["files_scanned"], 100_000);
    assert_eq!(
        findings(&report),
        [(
            "pkg042/m0042.txt".into(),
            1,
            1,
            "secrets/aws-access-key-id".into()
        )]
    );
}
