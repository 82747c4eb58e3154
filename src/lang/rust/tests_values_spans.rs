//! Tests of values, bindings and spans: literal and composite values,
//! assignments, byte-exact offsets, parse problems, and the bounds that keep
//! hostile input from exhausting the stack.

use super::tests::{assigns, at, call, callees, in_fn};
use super::{extract_rust, MAX_DEPTH};
use crate::facts::{Fact, Value};

fn arg_values(src: &str) -> Vec<Value> {
    call(src, "f").args.into_iter().map(|n| n.value).collect()
}

fn n(v: f64) -> Value {
    Value::Num(v)
}

fn s(v: &str) -> Value {
    Value::Str(v.into())
}

#[test]
fn scalar_values() {
    let src = in_fn(
        "f(\"s\", r#\"raw\"#, b\"by\", 'c', 4u32, 1_000, 0x10, 0o7, 0b11, 2.5e1, -3, true, \
         None, x, bcrypt::DEFAULT_COST, config.cost, 4 as u32, (7), g(), |x| x);",
    );
    let expected = [
        s("s"),
        s("raw"),
        s("by"),
        s("c"),
        n(4.0),
        n(1000.0),
        n(16.0),
        n(7.0),
        n(3.0),
        n(25.0),
        n(-3.0),
        Value::Bool(true),
        Value::Null,
        Value::Ident("x".into()),
        Value::Member("bcrypt.DEFAULT_COST".into()),
        Value::Member("config.cost".into()),
        n(4.0),
        n(7.0),
        Value::Call { callee: "g".into() },
        Value::Unknown,
    ];
    assert_eq!(arg_values(&src), expected);
}

#[test]
fn composite_and_wrapped_values() {
    let src = in_fn(
        "f([1, 2], (1, \"a\"), vec![3], \"lit\".to_string(), String::from(\"own\"), &\"r\", \
         Some(\"s2\"), \"o\".into(), format!(\"{a}\"), Config { port: 1 });",
    );
    let values = arg_values(&src);
    let items = |v: &Value| match v {
        Value::Array(items) => items.iter().map(|i| i.value.clone()).collect::<Vec<_>>(),
        _ => vec![],
    };
    assert_eq!(items(&values[0]), [n(1.0), n(2.0)]);
    assert_eq!(items(&values[1]), [n(1.0), s("a")]);
    assert_eq!(items(&values[2]), [n(3.0)]);
    assert_eq!(values[3..8], [s("lit"), s("own"), s("r"), s("s2"), s("o")]);
    let c = call(&src, "f");
    assert_eq!(at(&src, c.args[3].span), "\"lit\".to_string()");
    let template = Value::Template {
        text: "${}".into(),
        names: vec!["a".into()],
    };
    assert_eq!(values[8], template);
    let Value::Object(props) = &values[9] else {
        panic!("{:?}", values[9])
    };
    assert_eq!(
        (props[0].key.as_str(), &props[0].value.value),
        ("port", &n(1.0))
    );
    assert_eq!(at(&src, props[0].span), "port: 1");
}

#[test]
fn bindings_become_assigns() {
    let src = "const SECRET: &str = \"k1\";\n\
               pub static mut TOKEN: &str = \"k2\";\n\
               struct S; impl S { const C: u8 = 3; fn m(&mut self) { self.secret = \"k3\".into(); } }\n\
               fn f() { let mut pw: String = \"k4\".to_owned(); let (a, b) = (1, 2); let _ = g(); \
               let c = Config { password: \"k5\".into(), user, ..Default::default() }; }";
    let a = assigns(src);
    let targets: Vec<&str> = a.iter().map(|x| x.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "SECRET",
            "TOKEN",
            "C",
            "self.secret",
            "pw",
            "c",
            "password",
            "user"
        ]
    );
    assert_eq!(at(src, a[0].span), "const SECRET: &str = \"k1\";");
    assert_eq!(at(src, a[1].span), "pub static mut TOKEN: &str = \"k2\";");
    assert_eq!(a[3].value.value, Value::Str("k3".into()));
    assert_eq!(at(src, a[3].span), "self.secret = \"k3\".into()");
    assert_eq!(
        at(src, a[4].span),
        "let mut pw: String = \"k4\".to_owned();"
    );
    assert_eq!(a[4].value.value, Value::Str("k4".into()));
    assert_eq!(at(src, a[6].span), "password: \"k5\".into()");
    assert_eq!(a[6].value.value, Value::Str("k5".into()));
    assert!(matches!(&a[5].value.value, Value::Object(p) if p.len() == 2));
}

#[test]
fn parse_failure_reports_problem_inside_file() {
    for src in [
        "fn a() {\n let x = ;\n}",
        "fn a() {",
        "fn (",
        "\"unterminated",
    ] {
        let ex = extract_rust(src);
        assert!(ex.facts.is_empty());
        let problem = ex.problem.expect("problem expected");
        assert!(!problem.message.is_empty());
        let span = problem.span.expect("span expected");
        assert!(
            span.start <= span.end && span.end <= src.len(),
            "{span:?} for {src:?}"
        );
    }
    let ex = extract_rust("fn a() {\n let x = ;\n}");
    assert_eq!(ex.problem.and_then(|p| p.span).map(|s| s.start), Some(18));
}

#[test]
fn shebang_and_bom_keep_offsets() {
    for prefix in [
        "#!/usr/bin/env run-cargo-script\n",
        "\u{feff}",
        "\u{feff}#!/bin/x é\n",
    ] {
        let src = format!("{prefix}fn f() {{ bcrypt::hash(pw, 4); }}");
        let c = call(&src, "bcrypt.hash");
        assert_eq!(at(&src, c.span), "bcrypt::hash(pw, 4)");
        assert_eq!(at(&src, c.args[1].span), "4");
    }
    let attr = "#![allow(unused)]\n#![feature(never_type)]\nfn f() { g(); }";
    assert_eq!(callees(attr), ["feature", "g"]);
}

#[test]
fn offsets_stay_relative_across_parses_and_multibyte_text() {
    let first = in_fn("a(1);");
    assert_eq!(at(&first, call(&first, "a").span), "a(1)");
    let second = "// ééé ünïcode\nfn g() { let s = \"ß\"; b(s, 2); }";
    let c = call(second, "b");
    assert_eq!(at(second, c.span), "b(s, 2)");
    assert_eq!(at(second, c.args[1].span), "2");
    let crlf = "fn g() {\r\n    let é = 1;\r\n    b(é, 2);\r\n}\r\n";
    assert_eq!(at(crlf, call(crlf, "b").args[1].span), "2");
}

#[test]
fn facts_are_in_source_order_and_spans_in_bounds() {
    let src = "use a::b;\nfn f() { let x = g(h(1)); S { a: k(), b: 2 }; }\nconst C: u8 = j();";
    let ex = extract_rust(src);
    let starts: Vec<usize> = ex
        .facts
        .iter()
        .map(|f| match f {
            Fact::Call(c) => {
                assert!(c.callee_span.start >= c.span.start && c.callee_span.end <= c.span.end);
                c.span.start
            }
            Fact::Assign(a) => a.span.start,
            Fact::Import(i) => i.span.start,
            other => other.start(),
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    assert_eq!(starts.len(), 9);
}

#[test]
fn argument_spans_cover_exactly_the_written_expression() {
    let args = [
        "a..b",
        "..5",
        "1..",
        "..=n",
        "|x| x + 1",
        "move || 3",
        "async { 1 }",
        "x as u8",
        "-y",
        "!z",
        "*p",
        "&mut q",
        "[1; 3]",
        "S { a: 1 }",
        "<T>::new()",
        "m!(x)",
        "t.0",
        "a[1]",
        "fut.await",
        "'a: loop { break 'a 1 }",
        "if a { 1 } else if b { 2 } else { 3 }",
        "match x { _ => 1 }",
        "unsafe { 1 }",
        "r?",
        "(1, 2)",
        "()",
        "x = 1",
        "a + b * c",
        "Vec::<u8>::new",
        "for i in v {}",
        "while c {}",
        "return 1",
        "const { 1 }",
    ];
    let src = in_fn(&format!("f({});", args.join(", ")));
    let c = call(&src, "f");
    let got: Vec<&str> = c.args.iter().map(|n| at(&src, n.span)).collect();
    assert_eq!(got, args);
}

#[test]
fn never_panics_on_truncated_input() {
    let sample = "#!/bin/sh\nuse a::{b as c, d::{self}};\n/// doc é\n#[derive(Debug)]\n\
                  struct S { x: u8 }\nfn f<'a>(s: &'a str) -> Result<(), E> {\n\
                  let v = vec![1, 2]; info!(a = %s, \"m {s}\"); let r = 1..=2;\n\
                  match s { \"x\" => g(), _ => {} }\n loop { break 'a; }\n\
                  Ok(S { x: b'c' }.x.h()?.await)\n}";
    for (i, _) in sample.char_indices() {
        let _ = extract_rust(&sample[..i]);
    }
    assert!(extract_rust(sample).problem.is_none());
}

#[test]
fn deep_nesting_returns_with_bounded_traversal() {
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(|| {
            // Deeper than MAX_DEPTH, within what `nesting` lets syn parse.
            let calls = in_fn(&format!("{}1{};", "f(".repeat(340), ")".repeat(340)));
            let parens = in_fn(&format!("let x = {}1{};", "(".repeat(370), ")".repeat(370)));
            let chain = in_fn(&format!("a{};", ".b()".repeat(5000)));
            let sum = in_fn(&format!("let s = 1{};", " + 1".repeat(20000)));
            let macro_body = in_fn(&format!("vec![{}1{}];", "f(".repeat(100), ")".repeat(100)));
            let operators = in_fn(&format!("vec![{}f(1)];", "- ".repeat(300)));
            [calls, parens, chain, sum, macro_body, operators]
                .iter()
                .map(|src| extract_rust(src).facts.len())
                .collect::<Vec<_>>()
        })
        .expect("spawn");
    let counts = handle.join().expect("extraction must not panic");
    assert!(counts[0] > 0 && counts[0] <= MAX_DEPTH, "{counts:?}");
    assert!(counts[2] > 0 && counts[2] <= MAX_DEPTH + 1, "{counts:?}");
    assert_eq!(counts[4], 1, "over-nested macro body is not re-parsed");
    assert_eq!(counts[5], 1, "operator-heavy macro body is not re-parsed");
}
