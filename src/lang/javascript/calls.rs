//! `Call` facts: call and `new` expressions with their arguments, plus the
//! `Import` fact of a `require('m')` or `import('m')` call.

use tree_sitter::Node as TsNode;

use crate::facts::{Call, Fact, Import, Node};

use super::extractor::{span_of, Extractor};
use super::imports::normalise_module;
use super::tables::Kind;

/// Facts: calls.
impl<'s> Extractor<'s> {
    /// A call expression: its route facts, then its call fact. The callee
    /// and the argument list are looked up once for both.
    pub(super) fn on_call_expression(&mut self, node: TsNode<'s>) {
        let fields = &self.tables.fields;
        let Some(function) = self.field(node, fields.function) else {
            return;
        };
        let arguments = self.field(node, fields.arguments);
        match arguments.filter(|list| self.kind(*list) == Kind::Arguments) {
            Some(list) => {
                let kids = self.kids(list);
                self.route_call(node, function, &kids);
                let args = self.element_values(&kids, 0);
                self.recycle(kids);
                self.push_call(node, function, args);
            }
            None => {
                // A tagged template: the template is the one argument.
                let args = arguments
                    .map(|template| vec![self.node_value(template, 0)])
                    .unwrap_or_default();
                self.push_call(node, function, args);
            }
        }
    }

    /// The `Call` fact, preceded by an `Import` for `require('m')` and `import('m')`.
    fn push_call(&mut self, node: TsNode<'s>, function: TsNode<'s>, args: Vec<Node>) {
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

    pub(super) fn on_new(&mut self, node: TsNode<'s>) {
        let fields = &self.tables.fields;
        let Some(constructor) = self.field(node, fields.constructor) else {
            return;
        };
        let args = match self.field(node, fields.arguments) {
            Some(list) => {
                let kids = self.kids(list);
                let args = self.element_values(&kids, 0);
                self.recycle(kids);
                args
            }
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
}
