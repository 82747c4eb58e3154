//! `Assign` facts: variable declarators, assignments, object pairs and
//! shorthand properties, and class fields, each binding a name to a value.

use tree_sitter::Node as TsNode;

use crate::facts::{Assign, Fact, Node, Value};

use super::extractor::{span_of, Extractor};
use super::tables::Kind;

/// Facts: bindings.
impl<'s> Extractor<'s> {
    pub(super) fn on_declarator(&mut self, node: TsNode<'s>) {
        let fields = &self.tables.fields;
        let (Some(name), Some(value)) = (
            self.field(node, fields.name),
            self.field(node, fields.value),
        ) else {
            return;
        };
        self.alias_from_require(name, value);
        if self.kind(name) != Kind::Identifier {
            return; // Destructuring binds no single name to the value.
        }
        let target = self.src(name).to_string();
        let value = self.node_value(value, 0);
        self.push_assign(target, value, node);
    }

    pub(super) fn on_assignment(&mut self, node: TsNode<'s>) {
        let fields = &self.tables.fields;
        let (Some(left), Some(right)) = (
            self.field(node, fields.left),
            self.field(node, fields.right),
        ) else {
            return;
        };
        let Some(target) = self.member_path(left) else {
            return;
        };
        let value = self.node_value(right, 0);
        self.push_assign(target, value, node);
    }

    pub(super) fn on_pair(&mut self, node: TsNode<'s>) {
        let fields = &self.tables.fields;
        let (Some(key), Some(value)) =
            (self.field(node, fields.key), self.field(node, fields.value))
        else {
            return;
        };
        let Some(target) = self.key_text(key) else {
            return;
        };
        let value = self.node_value(value, 0);
        self.push_assign(target, value, node);
    }

    pub(super) fn on_shorthand(&mut self, node: TsNode<'s>) {
        let name = self.src(node).to_string();
        let value = Node {
            value: Value::Ident(name.clone()),
            span: span_of(node),
        };
        self.push_assign(name, value, node);
    }

    pub(super) fn on_field(&mut self, node: TsNode<'s>, name_field: u16) {
        let (Some(name), Some(value)) = (
            self.field(node, name_field),
            self.field(node, self.tables.fields.value),
        ) else {
            return;
        };
        let Some(target) = self.key_text(name) else {
            return;
        };
        let value = self.node_value(value, 0);
        self.push_assign(target, value, node);
    }

    fn push_assign(&mut self, target: String, value: Node, node: TsNode<'s>) {
        self.facts.push(Fact::Assign(Assign {
            target,
            value,
            span: span_of(node),
        }));
    }

    /// An object key or class member name as written, without quotes;
    /// `None` for computed keys, which syntax cannot name.
    pub(super) fn key_text(&self, key: TsNode<'s>) -> Option<String> {
        match self.kind(key) {
            Kind::PropertyIdentifier | Kind::Identifier | Kind::Number => {
                Some(self.src(key).to_string())
            }
            Kind::String => Some(self.string_content(key)),
            _ => None,
        }
    }
}
