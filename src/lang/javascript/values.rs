//! Value conversion: turns expression nodes into [`Value`]s (literals,
//! identifiers, member paths, arrays, objects, calls, templates) as syntax
//! shows them, depth-bounded and within the per-file budget.

use tree_sitter::Node as TsNode;

use crate::facts::{Node, Property, Value};

use super::extractor::{span_of, Extractor};
use super::literals::{parse_number, strip_quotes, unescape_into};
use super::tables::Kind;
use super::MAX_DEPTH;
use crate::rules::value::SPREAD_KEY;

/// Values: literals and shapes as syntax shows them.
impl<'s> Extractor<'s> {
    pub(super) fn node_value(&mut self, node: TsNode<'s>, depth: usize) -> Node {
        Node {
            value: self.value(node, depth),
            span: span_of(node),
        }
    }

    fn value(&mut self, node: TsNode<'s>, depth: usize) -> Value {
        if depth > MAX_DEPTH || self.budget == 0 {
            return Value::Unknown;
        }
        self.budget -= 1;
        match self.kind(node) {
            Kind::String => Value::Str(self.string_content(node)),
            Kind::TemplateString => self.template_value(node),
            Kind::Number => parse_number(self.src(node)).map_or(Value::Unknown, Value::Num),
            Kind::True => Value::Bool(true),
            Kind::False => Value::Bool(false),
            Kind::Null | Kind::Undefined => Value::Null,
            Kind::Identifier if self.src(node) == "undefined" => Value::Null,
            Kind::Identifier | Kind::This => Value::Ident(self.src(node).to_string()),
            Kind::MemberExpression | Kind::SubscriptExpression => {
                self.member_path(node).map_or(Value::Unknown, Value::Member)
            }
            Kind::Object => self.object_value(node, depth),
            Kind::Array => self.array_value(node, depth),
            Kind::CallExpression => self.call_value(node, self.tables.fields.function),
            Kind::NewExpression => self.call_value(node, self.tables.fields.constructor),
            Kind::UnaryExpression => self.unary_value(node, depth),
            // Text when a string is involved, else arithmetic that folds.
            Kind::BinaryExpression => match self.concat_value(node) {
                Value::Unknown => self.binary_value(node, depth),
                text => text,
            },
            Kind::Wrapper => match self.inner(node) {
                Some(inner) => self.value(inner, depth + 1),
                None => Value::Unknown,
            },
            _ => Value::Unknown,
        }
    }

    fn call_value(&mut self, node: TsNode<'s>, callee_field: u16) -> Value {
        match self.field(node, callee_field) {
            Some(callee) => Value::Call {
                callee: self.callee_of(callee),
            },
            None => Value::Unknown,
        }
    }

    fn binary_value(&mut self, node: TsNode<'s>, depth: usize) -> Value {
        let fields = &self.tables.fields;
        let operator = self.field(node, fields.operator).map(|op| op.kind());
        let (Some(left), Some(right)) = (
            self.field(node, fields.left),
            self.field(node, fields.right),
        ) else {
            return Value::Unknown;
        };
        let left = self.value(left, depth + 1);
        let right = self.value(right, depth + 1);
        operator
            .and_then(|op| crate::lang::arith::fold(op, &left, &right))
            .map_or(Value::Unknown, Value::Num)
    }

    fn unary_value(&mut self, node: TsNode<'s>, depth: usize) -> Value {
        let fields = &self.tables.fields;
        let operator = self.field(node, fields.operator).map(|op| op.kind());
        let Some(argument) = self.field(node, fields.argument) else {
            return Value::Unknown;
        };
        match (operator, self.value(argument, depth + 1)) {
            (Some("-"), Value::Num(n)) => Value::Num(-n),
            (Some("+"), Value::Num(n)) => Value::Num(n),
            _ => Value::Unknown,
        }
    }

    fn array_value(&mut self, node: TsNode<'s>, depth: usize) -> Value {
        let kids = self.kids(node);
        let items = self.element_values(&kids, depth + 1);
        self.recycle(kids);
        Value::Array(items)
    }

    /// The values of array items or call arguments at `depth`; a spread
    /// (`...rest`) is unknown.
    pub(super) fn element_values(&mut self, elements: &[TsNode<'s>], depth: usize) -> Vec<Node> {
        let mut values = Vec::with_capacity(elements.len());
        for &element in elements {
            values.push(match self.kind(element) {
                Kind::SpreadElement => Node {
                    value: Value::Unknown,
                    span: span_of(element),
                },
                _ => self.node_value(element, depth),
            });
        }
        values
    }

    fn object_value(&mut self, node: TsNode<'s>, depth: usize) -> Value {
        let members = self.kids(node);
        let mut properties = Vec::new();
        for &member in &members {
            let fields = &self.tables.fields;
            let (key, value) = match self.kind(member) {
                Kind::Pair => {
                    let key = self
                        .field(member, fields.key)
                        .and_then(|k| self.key_text(k));
                    let value = self.field(member, fields.value);
                    match (key, value) {
                        (Some(key), Some(value)) => (key, self.node_value(value, depth + 1)),
                        _ => continue,
                    }
                }
                Kind::ShorthandProperty => {
                    let name = self.src(member).to_string();
                    let value = Value::Ident(name.clone());
                    (
                        name,
                        Node {
                            value,
                            span: span_of(member),
                        },
                    )
                }
                Kind::SpreadElement => {
                    let spread = self.inner(member);
                    let value = match spread {
                        Some(inner) => self.node_value(inner, depth + 1),
                        None => Node {
                            value: Value::Unknown,
                            span: span_of(member),
                        },
                    };
                    (SPREAD_KEY.to_string(), value)
                }
                Kind::MethodDefinition => {
                    let key = self
                        .field(member, fields.name)
                        .and_then(|k| self.key_text(k));
                    match key {
                        Some(key) => (
                            key,
                            Node {
                                value: Value::Unknown,
                                span: span_of(member),
                            },
                        ),
                        None => continue,
                    }
                }
                _ => continue,
            };
            properties.push(Property {
                key,
                value,
                span: span_of(member),
            });
        }
        self.recycle(members);
        Value::Object(properties)
    }

    pub(super) fn string_content(&self, node: TsNode<'s>) -> String {
        let mut out = String::new();
        unescape_into(strip_quotes(self.src(node)), &mut out);
        out
    }

    pub(super) fn template_value(&mut self, node: TsNode<'s>) -> Value {
        let end = node
            .end_byte()
            .saturating_sub(usize::from(self.src(node).ends_with('`')));
        let mut pos = node.start_byte() + 1;
        let mut text = String::new();
        let mut names = Vec::new();
        let kids = self.kids(node);
        for &kid in &kids {
            if self.kind(kid) != Kind::TemplateSubstitution {
                continue;
            }
            unescape_into(
                self.text.get(pos..kid.start_byte()).unwrap_or(""),
                &mut text,
            );
            text.push_str("${}");
            let path = self.inner(kid).and_then(|expr| self.member_path(expr));
            names.push(path.unwrap_or_else(|| "?".to_string()));
            pos = kid.end_byte();
        }
        self.recycle(kids);
        unescape_into(self.text.get(pos..end).unwrap_or(""), &mut text);
        if names.is_empty() {
            Value::Str(text)
        } else {
            Value::Template { text, names }
        }
    }
}
