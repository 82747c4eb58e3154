//! `Call` facts: call and `new` expressions with their arguments, plus the
//! `Import` fact of a `require('m')` or `import('m')` call.

use tree_sitter::Node as TsNode;

use crate::facts::{Call, Fact, Import, Node, Value};

use super::extractor::{span_of, Extractor};
use super::imports::normalise_module;
use super::tables::Kind;

/// Facts: calls.
impl<'s> Extractor<'s> {
    pub(super) fn on_call(&mut self, node: TsNode<'_>) {
        let fields = &self.tables.fields;
        let Some(function) = self.field(node, fields.function) else {
            return;
        };
        let args = match self.field(node, fields.arguments) {
            Some(list) if self.kind(list) == Kind::Arguments => self.arg_list(list),
            // A tagged template: the template is the one argument.
            Some(template) => vec![self.node_value(template, 0)],
            None => Vec::new(),
        };
        let callee = self.callee_of(function);
        let loads_module = matches!(self.kind(function), Kind::Import)
            || (self.kind(function) == Kind::Identifier && callee == "require");
        if loads_module {
            if let Some(module) = args.first().and_then(|arg| arg.value.as_str()) {
                self.facts.push(Fact::Import(Import {
                    module: normalise_module(module.to_string()),
                    span: span_of(node),
                }));
            }
        }
        self.facts.push(Fact::Call(Call {
            callee,
            args,
            callee_span: span_of(function),
            span: span_of(node),
        }));
    }

    pub(super) fn on_new(&mut self, node: TsNode<'_>) {
        let fields = &self.tables.fields;
        let Some(constructor) = self.field(node, fields.constructor) else {
            return;
        };
        let args = match self.field(node, fields.arguments) {
            Some(list) => self.arg_list(list),
            None => Vec::new(),
        };
        let callee = self.callee_of(constructor);
        self.facts.push(Fact::Call(Call {
            callee,
            args,
            callee_span: span_of(constructor),
            span: span_of(node),
        }));
    }

    fn arg_list(&mut self, list: TsNode<'_>) -> Vec<Node> {
        let kids = self.named_kids(list);
        kids.into_iter()
            .map(|arg| match self.kind(arg) {
                Kind::SpreadElement => Node {
                    value: Value::Unknown,
                    span: span_of(arg),
                },
                _ => self.node_value(arg, 0),
            })
            .collect()
    }
}
