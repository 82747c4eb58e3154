//! Robustness tests: syntax errors, deep nesting on a small stack, and
//! hostile input that must never panic.

use super::*;

#[test]
fn truncated_file_reports_problem_and_keeps_valid_facts() {
    let src =
        "const jwt = require('jsonwebtoken');\njwt.sign(p, 'k');\nfunction f( {\n  res.cookie('a'";
    let extraction = facts(src, JsDialect::JavaScript);
    let problem = extraction.problem.as_ref().expect("problem reported");
    assert!(
        problem.message.starts_with("syntax error"),
        "{}",
        problem.message
    );
    let span = problem.span.expect("problem located");
    assert!(span.start >= src.find("function").unwrap_or(0), "{span}");
    let found: Vec<String> = calls(src).into_iter().map(|call| call.callee).collect();
    assert!(
        found.contains(&"jsonwebtoken.sign".to_string()),
        "{found:?}"
    );
    assert!(facts("const a = 1;", JsDialect::JavaScript)
        .problem
        .is_none());
}

fn on_small_stack(work: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(work)
        .expect("spawn test thread");
    assert!(handle.join().is_ok(), "deep input overflowed or panicked");
}

#[test]
fn deeply_nested_arrays_do_not_overflow() {
    on_small_stack(|| {
        let depth = 10_000;
        let src = format!(
            "const x = {}1{};\nf(x);",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let extraction = parse_js(&src, JsDialect::JavaScript).extraction;
        assert!(extraction.problem.is_none());
        let Some(Fact::Assign(assign)) = extraction.facts.first() else {
            panic!("no assignment");
        };
        assert_eq!(assign.target, "x");
        let mut value = &assign.value.value;
        let mut levels = 0;
        while let Value::Array(items) = value {
            levels += 1;
            value = &items[0].value;
        }
        assert!(levels <= MAX_DEPTH + 1 && levels > 10, "{levels}");
        assert_eq!(*value, Value::Unknown);
        assert!(matches!(extraction.facts.last(), Some(Fact::Call(_))));
    });
}

#[test]
fn deeply_nested_parentheses_do_not_overflow() {
    on_small_stack(|| {
        let depth = 10_000;
        let src = format!(
            "const x = {}1{};\n({}a{}).b();",
            "(".repeat(depth),
            ")".repeat(depth),
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let extraction = parse_js(&src, JsDialect::TypeScript).extraction;
        let Some(Fact::Assign(assign)) = extraction.facts.first() else {
            panic!("no assignment");
        };
        assert_eq!(assign.value.value, Value::Unknown);
        let Some(Fact::Call(call)) = extraction.facts.last() else {
            panic!("no call");
        };
        assert_eq!(call.callee, "?.b");
        let shallow = parse_js("const y = ((((7))));", JsDialect::JavaScript).extraction;
        let Some(Fact::Assign(assign)) = shallow.facts.first() else {
            panic!("no assignment");
        };
        assert_eq!(assign.value.value, Value::Num(7.0));
    });
}

#[test]
fn hostile_inputs_never_panic() {
    let inputs = [
        "",
        "\u{0}\u{1}",
        "'unterminated",
        "`${",
        "\"\\u{110000}\\uD800\\x\"",
        "a.b.c.d(",
        "import { from",
        "x = 0x; y = 1__2n;",
        "new",
        "((((",
        "<div>{</div>",
        "}}}}]]])))",
    ];
    for input in inputs {
        for dialect in [JsDialect::JavaScript, JsDialect::TypeScript, JsDialect::Tsx] {
            let parsed = parse_js(input, dialect);
            assert!(parsed.tree.root_node().end_byte() <= input.len());
        }
    }
    let chain = format!("a{}", ".b()".repeat(5_000));
    let found = calls(&chain);
    assert_eq!(found.len(), 5_000);
    let outer = &found[0].callee;
    assert!(
        outer.starts_with("?()") && outer.ends_with(".b().b"),
        "{outer:.40}"
    );
}
