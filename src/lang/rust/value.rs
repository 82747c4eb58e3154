//! Value conversion: what syntax alone says about an expression (literal,
//! name, member, call, array, object, template), looking through wrappers
//! and conversions that do not change what a rule sees.

use syn::ext::IdentExt;
use syn::{Expr, ExprPath, FieldValue, Lit, Macro, UnOp};

use super::extractor::Extractor;
use super::format::is_format_macro;
use super::paths::{expr_path_str, member_path, member_span, member_str, path_str};
use super::MAX_DEPTH;
use crate::facts::{Node, Property, Span, Value};

/// Zero-argument conversions that do not change what a literal says, so
/// `"x".to_string()` is still the string `x` to a rule (and the key in
/// `EncodingKey::from_secret("k".as_bytes())` is still the literal `k`).
const TRANSPARENT_METHODS: &[&str] = &["to_string", "to_owned", "into", "as_bytes", "as_ref"];

impl Extractor<'_> {
    /// What syntax alone says about an expression; `depth` bounds recursion
    /// through nested arrays, struct literals and transparent wrappers.
    pub(super) fn value(&mut self, e: &Expr, depth: usize) -> Node {
        let value = if depth > MAX_DEPTH {
            Value::Unknown
        } else {
            self.value_kind(e, depth)
        };
        Node {
            value,
            span: self.expr_span(e),
        }
    }

    fn value_kind(&mut self, e: &Expr, depth: usize) -> Value {
        let inner = |s: &mut Self, x: &Expr| s.value(x, depth + 1).value;
        match e {
            Expr::Lit(l) => lit_value(&l.lit),
            Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => match inner(self, &u.expr) {
                Value::Num(n) => Value::Num(-n),
                _ => Value::Unknown,
            },
            Expr::Path(p) => path_value(p),
            Expr::Field(_) => member_path(e).map_or(Value::Unknown, Value::Member),
            Expr::Reference(x) => inner(self, &x.expr),
            Expr::Paren(x) => inner(self, &x.expr),
            Expr::Group(x) => inner(self, &x.expr),
            Expr::Cast(x) => inner(self, &x.expr),
            Expr::Await(x) => inner(self, &x.base),
            Expr::Try(x) => inner(self, &x.expr),
            Expr::MethodCall(m)
                if m.args.is_empty() && TRANSPARENT_METHODS.iter().any(|t| m.method == t) =>
            {
                inner(self, &m.receiver)
            }
            Expr::Call(c) if c.args.len() == 1 && is_wrapper(&c.func) => inner(self, &c.args[0]),
            Expr::Binary(b) => {
                let (left, right) = (inner(self, &b.left), inner(self, &b.right));
                binary_op(&b.op)
                    .and_then(|op| crate::lang::arith::fold(op, &left, &right))
                    .map_or(Value::Unknown, Value::Num)
            }
            Expr::Call(c) if duration_unit(c).is_some() => {
                let unit = duration_unit(c).unwrap_or_default();
                match inner(self, &c.args[0]) {
                    Value::Num(n) => Value::Num(n * unit),
                    _ => Value::Call {
                        callee: self.func_callee(&c.func),
                    },
                }
            }
            Expr::Call(c) => Value::Call {
                callee: self.func_callee(&c.func),
            },
            Expr::MethodCall(m) => Value::Call {
                callee: format!("{}.{}", self.chain(&m.receiver), m.method.unraw()),
            },
            Expr::Array(a) => {
                Value::Array(a.elems.iter().map(|x| self.value(x, depth + 1)).collect())
            }
            Expr::Tuple(t) => {
                Value::Array(t.elems.iter().map(|x| self.value(x, depth + 1)).collect())
            }
            Expr::Struct(s) => {
                Value::Object(s.fields.iter().map(|f| self.property(f, depth)).collect())
            }
            Expr::Macro(m) => self.macro_value(&m.mac, depth),
            _ => Value::Unknown,
        }
    }

    fn macro_value(&mut self, mac: &Macro, depth: usize) -> Value {
        let is_vec = mac.path.segments.last().is_some_and(|s| s.ident == "vec");
        if is_vec || is_format_macro(&mac.path) {
            let args = self.macro_args(mac);
            let nodes = match &args {
                Some(list) => self.arg_nodes(&mac.path, list, depth + 1),
                None => Vec::new(),
            };
            if is_vec {
                return Value::Array(nodes);
            }
            if let Some(t) = nodes
                .into_iter()
                .find(|n| matches!(n.value, Value::Template { .. }))
            {
                return t.value;
            }
        }
        Value::Call {
            callee: path_str(&mac.path),
        }
    }

    pub(super) fn property(&mut self, field: &FieldValue, depth: usize) -> Property {
        let value = self.value(&field.expr, depth + 1);
        let first = member_span(&field.member);
        let span = match field.colon_token {
            Some(_) => Span::new(self.span(first, first).start, value.span.end),
            None => self.span(first, first),
        };
        Property {
            key: member_str(&field.member),
            value,
            span,
        }
    }
}

/// The arithmetic operators constant folding understands.
fn binary_op(op: &syn::BinOp) -> Option<&'static str> {
    Some(match op {
        syn::BinOp::Mul(_) => "*",
        syn::BinOp::Add(_) => "+",
        syn::BinOp::Sub(_) => "-",
        syn::BinOp::Div(_) => "/",
        _ => return None,
    })
}

/// Seconds per unit of a one-argument `Duration::days(..)`-style
/// constructor: with a literal amount it reaches rules as seconds, so a
/// session lifetime is a number whatever unit it was written in.
fn duration_unit(call: &syn::ExprCall) -> Option<f64> {
    let Expr::Path(p) = &*call.func else {
        return None;
    };
    let mut segments = p.path.segments.iter().rev();
    let constructor = segments.next()?.ident.to_string();
    let ty = segments.next()?;
    if !ty.ident.to_string().ends_with("Duration") || call.args.len() != 1 {
        return None;
    }
    crate::lang::arith::duration_unit_seconds(&constructor)
}

/// `String::from(x)` and `Some(x)` only wrap what a rule cares about.
fn is_wrapper(func: &Expr) -> bool {
    match func {
        Expr::Path(p) if p.qself.is_none() => {
            let s = path_str(&p.path);
            s == "Some" || s == "String.from"
        }
        _ => false,
    }
}

fn path_value(p: &ExprPath) -> Value {
    if p.qself.is_none() && p.path.leading_colon.is_none() && p.path.segments.len() == 1 {
        let name = path_str(&p.path);
        return if name == "None" {
            Value::Null
        } else {
            Value::Ident(name)
        };
    }
    Value::Member(expr_path_str(p))
}

fn lit_value(lit: &Lit) -> Value {
    match lit {
        Lit::Str(s) => Value::Str(s.value()),
        Lit::ByteStr(b) => Value::Str(String::from_utf8_lossy(&b.value()).into_owned()),
        Lit::CStr(c) => Value::Str(c.value().to_string_lossy().into_owned()),
        Lit::Char(c) => Value::Str(c.value().to_string()),
        Lit::Byte(b) => Value::Num(f64::from(b.value())),
        Lit::Int(i) => i.base10_digits().parse().map_or(Value::Unknown, Value::Num),
        Lit::Float(f) => f.base10_digits().parse().map_or(Value::Unknown, Value::Num),
        Lit::Bool(b) => Value::Bool(b.value),
        _ => Value::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{call, in_fn};
    use crate::facts::Value;

    #[test]
    fn byte_views_of_a_literal_are_the_literal() {
        let src = in_fn("f(b\"k1\", \"k2\".as_bytes(), \"k3\".as_ref());");
        let values: Vec<Value> = call(&src, "f").args.into_iter().map(|n| n.value).collect();
        assert_eq!(
            values[..3],
            [
                Value::Str("k1".into()),
                Value::Str("k2".into()),
                Value::Str("k3".into())
            ]
        );
    }
}
