//! String concatenation as a template: `'Login for ' + user.email` says as
//! much as `` `Login for ${user.email}` ``, so it becomes the same
//! `Template` value (literal text with `${}` per operand, and the operands'
//! paths as names). A sum with no string operand stays unknown: it may be
//! arithmetic.

use tree_sitter::Node as TsNode;

use crate::facts::Value;

use super::extractor::Extractor;
use super::tables::Kind;

/// Concatenations with more operands than this are left unknown.
const MAX_OPERANDS: usize = 256;

impl<'s> Extractor<'s> {
    /// The value of a `+` chain; the left-nested spine is walked without
    /// recursion, so a long chain costs no stack.
    pub(super) fn concat_value(&mut self, node: TsNode<'s>) -> Value {
        let mut operands = Vec::new();
        let mut current = node;
        loop {
            if operands.len() >= MAX_OPERANDS {
                return Value::Unknown;
            }
            let fields = &self.tables.fields;
            let plus = self.kind(current) == Kind::BinaryExpression
                && self
                    .field(current, fields.operator)
                    .is_some_and(|op| op.kind() == "+");
            let sides = (
                self.field(current, fields.left),
                self.field(current, fields.right),
            );
            match (plus, sides) {
                (true, (Some(left), Some(right))) => {
                    operands.push(right);
                    current = left;
                }
                _ => {
                    operands.push(current);
                    break;
                }
            }
        }
        operands.reverse();
        let mut text = String::new();
        let mut names = Vec::new();
        let mut literal = false;
        for operand in operands {
            if self.budget == 0 {
                return Value::Unknown;
            }
            self.budget -= 1;
            match self.kind(operand) {
                Kind::String => {
                    literal = true;
                    text.push_str(&self.string_content(operand));
                }
                Kind::TemplateString => {
                    literal = true;
                    match self.template_value(operand) {
                        Value::Template {
                            text: part,
                            names: more,
                        } => {
                            text.push_str(&part);
                            names.extend(more);
                        }
                        Value::Str(part) => text.push_str(&part),
                        _ => {}
                    }
                }
                Kind::Number => text.push_str(self.src(operand)),
                _ => {
                    text.push_str("${}");
                    names.push(self.member_path(operand).unwrap_or_else(|| "?".to_string()));
                }
            }
        }
        match (literal, names.is_empty()) {
            (false, _) => Value::Unknown,
            (true, true) => Value::Str(text),
            (true, false) => Value::Template { text, names },
        }
    }
}
