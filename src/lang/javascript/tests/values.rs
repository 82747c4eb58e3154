//! Tests of value conversion: numbers, string escapes, templates, scalars
//! and shapes, object keys.

use super::*;

#[test]
fn numbers_are_decoded() {
    let cases = [
        ("12", 12.0),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("0x1F", 31.0),
        ("0o17", 15.0),
        ("0b101", 5.0),
        ("1_000", 1000.0),
        ("10n", 10.0),
        ("0755", 493.0),
        ("089", 89.0),
        ("-4", -4.0),
        ("(-0x10)", -16.0),
    ];
    for (text, expected) in cases {
        let src = format!("const n = {text};");
        assert_eq!(value_of(&src, "n"), Value::Num(expected), "{text}");
    }
    assert_eq!(parse_number("0x"), None);
    assert_eq!(parse_number("0b102"), None);
}

#[test]
fn strings_resolve_escapes() {
    let src = r#"const s = "a\n\t\\\'\"\u0041\u{1F600}\x41\uD83D\uDE00";"#;
    assert_eq!(
        value_of(src, "s"),
        Value::Str("a\n\t\\'\"A\u{1F600}A\u{1F600}".to_string())
    );
    assert_eq!(
        value_of("const s = 'plain';", "s"),
        Value::Str("plain".to_string())
    );
}

#[test]
fn templates_keep_text_and_names() {
    assert_eq!(
        value_of("const t = `no subs\\n`;", "t"),
        Value::Str("no subs\n".to_string())
    );
    let src = "const t = `postgres://${user}:${config.db.pass}@${host()}/db`;";
    let expected = Value::Template {
        text: "postgres://${}:${}@${}/db".to_string(),
        names: vec![
            "user".to_string(),
            "config.db.pass".to_string(),
            "?".to_string(),
        ],
    };
    assert_eq!(value_of(src, "t"), expected);
}

#[test]
fn scalar_and_shape_values() {
    assert_eq!(value_of("x = null;", "x"), Value::Null);
    assert_eq!(value_of("x = undefined;", "x"), Value::Null);
    let member = Value::Member("process.env.JWT_SECRET".to_string());
    assert_eq!(value_of("x = process.env.JWT_SECRET;", "x"), member);
    assert_eq!(value_of("x = process.env['JWT_SECRET'];", "x"), member);
    assert_eq!(value_of("x = a.b().c;", "x"), Value::Unknown);
    assert_eq!(value_of("x = a + b;", "x"), Value::Unknown);
    let Value::Array(items) = value_of("x = [1, 'a', ...r];", "x") else {
        panic!("not an array");
    };
    let values: Vec<Value> = items.into_iter().map(|item| item.value).collect();
    assert_eq!(
        values,
        [Value::Num(1.0), Value::Str("a".into()), Value::Unknown]
    );
    let call = Value::Call {
        callee: "crypto.randomBytes".to_string(),
    };
    assert_eq!(value_of("x = crypto.randomBytes(32);", "x"), call);
}

#[test]
fn object_keys_skip_computed_and_keep_spread() {
    let src = "x = { a: 1, 'b-c': 2, 3: 4, [k]: 5, ...rest, d, m() {} };";
    let Value::Object(props) = value_of(src, "x") else {
        panic!("not an object");
    };
    let keys: Vec<&str> = props.iter().map(|prop| prop.key.as_str()).collect();
    assert_eq!(keys, ["a", "b-c", "3", "...", "d", "m"]);
    assert_eq!(props[3].value.value, Value::Ident("rest".to_string()));
    assert_eq!(props[4].value.value, Value::Ident("d".to_string()));
    assert_eq!(props[5].value.value, Value::Unknown);
}
