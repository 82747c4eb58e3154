//! Source that does not parse, or nests absurdly deep: the scan finishes,
//! says so once per file, and text rules still run.

use crate::{fake_key, findings, problems, scan_json, tree};

const RULE_KEY: &str = "secrets/aws-access-key-id";
const RULE_TLS: &str = "transport/tls-verification-disabled";
const RULE_BCRYPT: &str = "hashing/bcrypt-low-cost";

/// The problems of one file, as `(kind, message)`.
fn problems_of(report: &serde_json::Value, path: &str) -> Vec<(String, String)> {
    problems(report)
        .into_iter()
        .filter(|(p, _, _)| p == path)
        .map(|(_, kind, message)| (kind, message))
        .collect()
}

#[test]
fn truncated_javascript_and_typescript_still_get_text_and_recovered_rules() {
    let key = fake_key(20);
    let module = format!(
        "import bcrypt from 'bcrypt';\n\
         const AWS_ID = '{key}';\n\
         export async function register(user, password) {{\n\
         \x20 const hash = await bcrypt.hash(password, 6);\n\
         \x20 return db.users.insert({{ ...user, hash }});\n\
         }}\n"
    );
    let cut = module.find("return db").unwrap() + 14;
    let truncated = &module[..cut];
    let dir = tree(&[
        ("src/auth.js", truncated.as_bytes()),
        ("src/auth.ts", truncated.as_bytes()),
        ("src/auth.tsx", truncated.as_bytes()),
    ]);
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    for path in ["src/auth.js", "src/auth.ts", "src/auth.tsx"] {
        let rules: Vec<_> = findings(&report)
            .into_iter()
            .filter(|f| f.0 == path)
            .map(|f| (f.1, f.3))
            .collect();
        assert_eq!(
            rules,
            [(2, RULE_KEY.to_string()), (4, RULE_BCRYPT.to_string())],
            "{path}"
        );
        let problems = problems_of(&report, path);
        assert_eq!(problems.len(), 1, "{path}: {problems:?}");
        assert_eq!(problems[0].0, "parse-error");
    }
}

#[test]
fn rust_with_syntax_errors_falls_back_to_text_rules_and_says_so_once() {
    let key = fake_key(21);
    let source = format!(
        "use std::env;\n\
         \n\
         const FALLBACK_ID: &str = \"{key}\";\n\
         \n\
         fn client( -> Client {{\n\
         \x20   let id = env::var(\"AWS_ACCESS_KEY_ID\").unwrap_or(FALLBACK_ID.into())\n\
         \x20   let hash = bcrypt::hash(pw, 4;\n\
         \x20   Client::new(id\n\
         }}\n\
         impl Foo for {{\n"
    );
    let dir = tree(&[("src/client.rs", source.as_bytes())]);
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&report),
        [("src/client.rs".into(), 3, 28, RULE_KEY.into())]
    );
    let problems = problems_of(&report, "src/client.rs");
    assert_eq!(problems.len(), 1, "once per file: {problems:?}");
    assert_eq!(problems[0].0, "parse-error");
    assert!(
        problems[0].1.contains("text rules still ran"),
        "{problems:?}"
    );
    let human = crate::run(dir.path(), &["scan", "."]);
    assert_eq!(
        human.stderr.matches("src/client.rs").count(),
        1,
        "{}",
        human.stderr
    );
}

#[test]
fn yaml_indented_with_tabs_is_a_warning_and_text_rules_run() {
    let key = fake_key(22);
    let text = format!("env:\n\tNODE_TLS_REJECT_UNAUTHORIZED: \"0\"\n\tAWS_ACCESS_KEY_ID: {key}\n");
    let dir = tree(&[("deploy/app.yaml", text.as_bytes())]);
    let (_, report) = scan_json(dir.path(), &["."]);
    assert_eq!(
        findings(&report),
        [("deploy/app.yaml".into(), 3, 21, RULE_KEY.into())]
    );
    let problems = problems_of(&report, "deploy/app.yaml");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "parse-error");
}

#[test]
fn helm_templates_are_scanned_around_their_template_tags() {
    let text = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include \"api.fullname\" . }}
  labels:
    {{- include \"api.labels\" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"
          env:
            NODE_TLS_REJECT_UNAUTHORIZED: \"0\"
            {{- range $name, $value := .Values.env }}
            {{ $name }}: {{ $value | quote }}
            {{- end }}
";
    let dir = tree(&[("charts/api/templates/deployment.yaml", text.as_bytes())]);
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&report),
        [(
            "charts/api/templates/deployment.yaml".into(),
            15,
            13,
            RULE_TLS.into()
        )]
    );
}

#[test]
fn json_with_comments_and_trailing_commas_is_still_scanned() {
    let key = fake_key(23);
    let text = format!(
        "{{\n  // editor settings\n  \"compilerOptions\": {{ \"strict\": true, }}, /* sic */\n  \
         \"env\": {{ \"NODE_TLS_REJECT_UNAUTHORIZED\": \"0\" }},\n  \"deployKey\": \"{key}\"\n}}\n"
    );
    let dir = tree(&[("tsconfig.json", text.as_bytes())]);
    let (_, report) = scan_json(dir.path(), &["."]);
    let rules: Vec<_> = findings(&report).into_iter().map(|f| (f.1, f.3)).collect();
    assert_eq!(rules, [(4, RULE_TLS.into()), (5, RULE_KEY.into())]);
    let problems = problems_of(&report, "tsconfig.json");
    assert_eq!(problems.len(), 1, "the trailing comma: {problems:?}");
}

#[test]
fn duplicate_keys_are_all_seen_or_reported() {
    let dir = tree(&[
        (
            "a.json",
            b"{\"NODE_TLS_REJECT_UNAUTHORIZED\": \"1\",\n \"NODE_TLS_REJECT_UNAUTHORIZED\": \"0\"}\n",
        ),
        (
            "a.yaml",
            b"NODE_TLS_REJECT_UNAUTHORIZED: \"1\"\nNODE_TLS_REJECT_UNAUTHORIZED: \"0\"\n",
        ),
        (
            ".env",
            b"NODE_TLS_REJECT_UNAUTHORIZED=1\nNODE_TLS_REJECT_UNAUTHORIZED=0\n",
        ),
        (
            "a.toml",
            b"NODE_TLS_REJECT_UNAUTHORIZED = \"1\"\nNODE_TLS_REJECT_UNAUTHORIZED = \"0\"\n",
        ),
    ]);
    let (_, report) = scan_json(dir.path(), &["."]);
    let found: Vec<_> = findings(&report)
        .into_iter()
        .map(|f| (f.0, f.1, f.3))
        .collect();
    assert_eq!(
        found,
        [
            (".env".into(), 2, RULE_TLS.into()),
            ("a.json".into(), 2, RULE_TLS.into()),
            ("a.yaml".into(), 2, RULE_TLS.into()),
        ]
    );
    // TOML forbids duplicate keys: the file is reported, not silently dropped.
    let problems = problems_of(&report, "a.toml");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].1.contains("duplicate key"), "{problems:?}");
}

#[test]
fn yaml_alias_expansion_is_bounded() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, prev) in "bcdefghijkl".chars().zip("abcdefghijk".chars()) {
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    text.push_str("NODE_TLS_REJECT_UNAUTHORIZED: *l\nmerged:\n  <<: *l\n");
    text.push_str("env:\n  NODE_TLS_REJECT_UNAUTHORIZED: \"0\"\n");
    let dir = tree(&[("laughs.yaml", text.as_bytes())]);
    let (code, report) = scan_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let total = text.lines().count() as u64;
    assert_eq!(
        findings(&report),
        [("laughs.yaml".into(), total, 3, RULE_TLS.into())]
    );
}

/// A nested expression `levels` deep in each language, followed by a
/// finding the text rules must still report. Each file names something the
/// structural rules look for, so it is parsed, not only searched.
fn deep_files(levels: usize) -> Vec<(String, String)> {
    let open = |s: &str| s.repeat(levels);
    let key = fake_key(24);
    vec![
        (
            "deep.js".into(),
            format!(
                "import bcrypt from 'bcrypt';\nconst x = {}1{};\nconst k = '{key}';\n",
                open("("),
                open(")")
            ),
        ),
        (
            "deep.ts".into(),
            format!(
                "import bcrypt from 'bcrypt';\nconst x: unknown = {}{};\nconst k = '{key}';\n",
                open("["),
                open("]")
            ),
        ),
        (
            "deep.tsx".into(),
            format!(
                "import bcrypt from 'bcrypt';\nconst x = {}{};\nconst k = '{key}';\n",
                open("<a>"),
                open("</a>")
            ),
        ),
        (
            "deep.rs".into(),
            format!(
                "use bcrypt::hash;\nfn f() {{ let x = {}1{}; }}\nconst K: &str = \"{key}\";\n",
                open("("),
                open(")")
            ),
        ),
        (
            "deep_block.rs".into(),
            format!(
                "use bcrypt::hash;\nfn f() {{ {}{} }}\nconst K: &str = \"{key}\";\n",
                open("{"),
                open("}")
            ),
        ),
        (
            "deep.json".into(),
            format!(
                "{{\"NODE_TLS_REJECT_UNAUTHORIZED\": {}{}, \"k\": \"{key}\"}}\n",
                open("["),
                open("]")
            ),
        ),
        (
            "deep_flow.yaml".into(),
            format!(
                "NODE_TLS_REJECT_UNAUTHORIZED: {}{}\nk: {key}\n",
                open("["),
                open("]")
            ),
        ),
        (
            "deep_map.yaml".into(),
            format!(
                "NODE_TLS_REJECT_UNAUTHORIZED: {}1{}\nk: {key}\n",
                open("{a: "),
                open("}")
            ),
        ),
        (
            "deep.toml".into(),
            format!(
                "NODE_TLS_REJECT_UNAUTHORIZED = {}{}\nk = \"{key}\"\n",
                open("["),
                open("]")
            ),
        ),
        (
            "deep_table.toml".into(),
            format!(
                "NODE_TLS_REJECT_UNAUTHORIZED = {}{}\nk = \"{key}\"\n",
                open("{b = "),
                open("}")
            ),
        ),
        (
            ".env".into(),
            format!("NODE_TLS_REJECT_UNAUTHORIZED={}\nK={key}\n", open("${")),
        ),
    ]
}

#[test]
fn ten_thousand_levels_of_nesting_in_each_language_do_not_overflow() {
    let files = deep_files(10_000);
    let owned: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_bytes()))
        .collect();
    let dir = tree(&owned);
    let (code, report) = scan_json(dir.path(), &["--jobs", "2", "."]);
    assert_eq!(code, 1);
    let with_key: Vec<String> = findings(&report)
        .into_iter()
        .filter(|f| f.3 == RULE_KEY)
        .map(|f| f.0)
        .collect();
    let mut expected: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    expected.sort();
    assert_eq!(with_key, expected, "text rules ran on every file");
    for rust in ["deep.rs", "deep_block.rs"] {
        let problems = problems_of(&report, rust);
        assert!(
            problems
                .iter()
                .any(|(kind, m)| kind == "parse-error" && m.contains("levels deep")),
            "{rust}: {problems:?}"
        );
    }
}
