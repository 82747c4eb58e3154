//! Tests of the YAML front end.

use super::super::tests::{check, entries, get, on_small_stack, paths};
use super::*;

/// Every entry, as these tests expect.
fn extract(text: &str) -> Extraction {
    super::extract(text, None)
}

fn str(s: &str) -> Value {
    Value::Str(s.to_string())
}

#[test]
fn scalars_types_and_spans() {
    let text = "name: web\nport: 8080\ndebug: True\nflag: off\nok: yes\nnone: ~\nempty:\nhex: 0x1F\nratio: -1.5e1\n\
                quoted: \"a\\tb\\u00e9\"\nsingle: 'it''s'\n\"quoted key\": 1\nnan: .NaN\nwhen: 2024-01-01\n";
    let ex = extract(text);
    assert_eq!(ex.problem, None);
    check(text, &ex, "name", "name", "web", str("web"));
    check(text, &ex, "port", "port", "8080", Value::Num(8080.0));
    check(text, &ex, "debug", "debug", "True", Value::Bool(true));
    check(text, &ex, "flag", "flag", "off", str("off"));
    check(text, &ex, "ok", "ok", "yes", str("yes"));
    check(text, &ex, "none", "none", "~", Value::Null);
    check(text, &ex, "empty", "empty", "", Value::Null);
    check(text, &ex, "hex", "hex", "0x1F", Value::Num(31.0));
    check(text, &ex, "ratio", "ratio", "-1.5e1", Value::Num(-15.0));
    check(
        text,
        &ex,
        "quoted",
        "quoted",
        "\"a\\tb\\u00e9\"",
        str("a\tbé"),
    );
    check(text, &ex, "single", "single", "'it''s'", str("it's"));
    check(
        text,
        &ex,
        "quoted key",
        "\"quoted key\"",
        "1",
        Value::Num(1.0),
    );
    check(text, &ex, "when", "when", "2024-01-01", str("2024-01-01"));
    assert!(matches!(get(&ex, "nan").value.value, Value::Num(n) if n.is_nan()));
    let port = get(&ex, "port");
    assert_eq!(&text[port.span.start..port.span.end], "port: 8080");
}

#[test]
fn block_and_multiline_scalars() {
    let text = "lit: |\n  line1\n    more\n\n  line3\nfold: >-\n  a\n  b\n\n  c\nkeep: |+\n  x\n\nplain: one\n  two\ntag: !!str 5\ncustom: !Ref other\n";
    let ex = extract(text);
    assert_eq!(ex.problem, None);
    check(
        text,
        &ex,
        "lit",
        "lit",
        "|\n  line1\n    more\n\n  line3",
        str("line1\n  more\n\nline3\n"),
    );
    check(
        text,
        &ex,
        "fold",
        "fold",
        ">-\n  a\n  b\n\n  c",
        str("a b\nc"),
    );
    assert_eq!(get(&ex, "keep").value.value, str("x\n"));
    check(text, &ex, "plain", "plain", "one\n  two", str("one two"));
    check(text, &ex, "tag", "tag", "5", str("5"));
    check(text, &ex, "custom", "custom", "other", Value::Unknown);
}

#[test]
fn kubernetes_env_name_value_list() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: \"node:20\"\n          env:\n            - name: NODE_TLS_REJECT_UNAUTHORIZED\n              value: \"0\"\n            - name: PORT\n              value: 8080\n            - name: FROM_SECRET\n              valueFrom:\n                secretKeyRef: {name: s, key: k}\n          ports: []\n";
    let ex = extract(text);
    assert_eq!(ex.problem, None);
    let env = "spec.template.spec.containers.0.env";
    check(
        text,
        &ex,
        &format!("{env}.0.value"),
        "value",
        "\"0\"",
        str("0"),
    );
    check(
        text,
        &ex,
        &format!("{env}.NODE_TLS_REJECT_UNAUTHORIZED"),
        "NODE_TLS_REJECT_UNAUTHORIZED",
        "\"0\"",
        str("0"),
    );
    let item = get(&ex, &format!("{env}.NODE_TLS_REJECT_UNAUTHORIZED"));
    assert!(text[item.span.start..item.span.end].starts_with("- name: NODE_TLS"));
    check(
        text,
        &ex,
        &format!("{env}.PORT"),
        "PORT",
        "8080",
        Value::Num(8080.0),
    );
    assert!(
        !paths(&ex).iter().any(|p| p.ends_with("FROM_SECRET")),
        "no value, no normalised entry"
    );
    check(
        text,
        &ex,
        &format!("{env}.2.valueFrom.secretKeyRef.key"),
        "key",
        "k",
        str("k"),
    );
    assert!(
        !paths(&ex).iter().any(|p| p.contains("ports")),
        "an empty sequence gives no entry"
    );
    check(
        text,
        &ex,
        "spec.template.spec.containers.0.image",
        "image",
        "\"node:20\"",
        str("node:20"),
    );
    let starts: Vec<usize> = entries(&ex).iter().map(|e| e.span.start).collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "entries in source order"
    );
}

#[test]
fn compose_environment_list() {
    let text = "services:\n  web:\n    environment:\n      - DEBUG=true\n      - \"SECRET_KEY=abc=def\"\n      - ONLY_NAME\n  db:\n    environment:\n      POSTGRES_PASSWORD: hunter2\n";
    let ex = extract(text);
    assert_eq!(ex.problem, None);
    check(
        text,
        &ex,
        "services.web.environment.DEBUG",
        "DEBUG",
        "true",
        str("true"),
    );
    check(
        text,
        &ex,
        "services.web.environment.SECRET_KEY",
        "SECRET_KEY",
        "abc=def",
        str("abc=def"),
    );
    check(
        text,
        &ex,
        "services.web.environment.0",
        "DEBUG=true",
        "DEBUG=true",
        str("DEBUG=true"),
    );
    assert!(!paths(&ex).contains(&"services.web.environment.ONLY_NAME".to_string()));
    check(
        text,
        &ex,
        "services.db.environment.POSTGRES_PASSWORD",
        "POSTGRES_PASSWORD",
        "hunter2",
        str("hunter2"),
    );
}

#[test]
fn helm_template_keeps_surrounding_keys() {
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include \"app.fullname\" . }}\n  labels:\n    {{- include \"app.labels\" . | nindent 4 }}\ndata:\n{{- if .Values.debug }}\n  DEBUG: \"true\"\n{{- end }}\n  LEVEL: {{ .Values.level | quote }}\n  FIXED: info\n";
    let ex = extract(text);
    assert_eq!(ex.problem, None, "masked actions parse cleanly");
    check(text, &ex, "kind", "kind", "ConfigMap", str("ConfigMap"));
    check(
        text,
        &ex,
        "metadata.name",
        "name",
        "{{ include \"app.fullname\" . }}",
        Value::Unknown,
    );
    assert_eq!(get(&ex, "metadata.labels").value.value, Value::Unknown);
    check(text, &ex, "data.DEBUG", "DEBUG", "\"true\"", str("true"));
    check(
        text,
        &ex,
        "data.LEVEL",
        "LEVEL",
        "{{ .Values.level | quote }}",
        Value::Unknown,
    );
    check(text, &ex, "data.FIXED", "FIXED", "info", str("info"));
}

#[test]
fn multi_document_paths_start_fresh() {
    let text = "kind: Service\nspec:\n  port: 80\n---\nkind: Deployment\nspec:\n  replicas: 2\n...\n---\n- a\n";
    let ex = extract(text);
    assert_eq!(
        paths(&ex),
        vec!["kind", "spec.port", "kind", "spec.replicas", "0"]
    );
    assert_eq!(entries(&ex)[2].value.value, str("Deployment"));
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let text = "base: &base\n  user: admin\nother: &v 5\nref: *v\nchild:\n  <<: *base\n  extra: 1\nmerged:\n  <<: {inline: 2}\n";
    let ex = extract(text);
    assert_eq!(
        paths(&ex),
        vec!["base.user", "other", "ref", "child.extra", "merged.inline"]
    );
    check(text, &ex, "other", "other", "5", Value::Num(5.0));
    check(text, &ex, "ref", "ref", "*v", Value::Unknown);
}

#[test]
fn billion_laughs_is_not_expanded() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        text.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    let ex = extract(&text);
    assert_eq!(entries(&ex).len(), 9 + 8 * 9);
}

#[test]
fn flow_collections() {
    let text = "cfg: {a: 1, b: [x, {y: z}], \"c\": null, bare, d: [k: v]}\n";
    let ex = extract(text);
    assert_eq!(ex.problem, None);
    assert_eq!(
        paths(&ex),
        vec![
            "cfg.a",
            "cfg.b.0",
            "cfg.b.1.y",
            "cfg.c",
            "cfg.bare",
            "cfg.d.0.k"
        ]
    );
    check(text, &ex, "cfg.b.0", "x", "x", str("x"));
    check(text, &ex, "cfg.c", "\"c\"", "null", Value::Null);
    check(text, &ex, "cfg.d.0.k", "k", "v", str("v"));
}

#[test]
fn syntax_error_keeps_recovered_entries() {
    let text = "a: 1\nb: [1, 2\nc: 3\n";
    let ex = extract(text);
    let problem = ex
        .problem
        .clone()
        .expect("a problem for the unclosed sequence");
    assert!(problem.span.is_some());
    assert!(problem.message.contains("YAML"));
    check(text, &ex, "a", "a", "1", Value::Num(1.0));
    check(text, &ex, "c", "c", "3", Value::Num(3.0));
}

#[test]
fn deep_flow_nesting_is_bounded() {
    let ex = on_small_stack(|| {
        let depth = 10_000;
        let text = format!("k: {}1{}\n", "[".repeat(depth), "]".repeat(depth));
        extract(&text)
    });
    assert!(
        entries(&ex).is_empty(),
        "the leaf lies beyond the depth bound"
    );
    let shallow = extract("k: [[[1]]]\n");
    assert_eq!(paths(&shallow), vec!["k.0.0.0"]);
}

#[test]
fn streams_past_the_grammar_line_limit_are_chunked() {
    let text = "---\na: 1\nb: x\n".repeat(12_000);
    assert!(chunks(&text).len() > 1);
    let ex = extract(&text);
    assert_eq!(ex.problem, None);
    let all = entries(&ex);
    assert_eq!(all.len(), 24_000);
    let last = all.last().expect("entries");
    assert_eq!(&text[last.value.span.start..last.value.span.end], "x");
    assert_eq!(last.value.span.end, text.len() - 1);
    assert_eq!(chunks("a: 1\n").len(), 1);
}

#[test]
fn hostile_inputs_do_not_panic() {
    for text in [
        "",
        "\u{feff}a: 1",
        ": :",
        "- - -",
        "{{",
        "a: {{",
        "? [a]\n: b",
        "a: \"\\x\\u12\"",
        "!!",
        "&a",
        "*a",
        "a: |9\n b",
        "\"a",
        "'",
        "a:\n\t- b",
    ] {
        let _ = extract(text);
    }
}
