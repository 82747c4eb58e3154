//! What a JS/TS file offers other files: its exports (`module.exports`,
//! `exports.x`, `export ...`) and the import bindings of its alias table,
//! with module and member kept apart.

use tree_sitter::Node as TsNode;

use crate::facts::{Binding, Export, Fact, Node, Span, Value};

use super::extractor::{span_of, Extractor};
use super::tables::Kind;

impl<'s> Extractor<'s> {
    /// `export const x = …`, `export class X`, `export default x`,
    /// `export { a, b as c }`, `export { x } from './m'`.
    pub(super) fn export_statement(&mut self, node: TsNode<'s>) {
        let span = span_of(node);
        let is_default = {
            let mut cursor = node.walk();
            let found = node.children(&mut cursor).any(|k| k.kind() == "default");
            found
        };
        if let Some(value) = self.field(node, self.tables.fields.value) {
            let value = self.node_value(value, 0);
            self.push_export("default".to_string(), value, span);
            return;
        }
        if let Some(declaration) = node.child_by_field_name("declaration") {
            for name in self.declared_names(declaration) {
                let value = Node {
                    value: Value::Ident(name.clone()),
                    span,
                };
                if is_default {
                    self.push_export("default".to_string(), value.clone(), span);
                }
                self.push_export(name, value, span);
            }
            return;
        }
        let source = self
            .field(node, self.tables.fields.source)
            .map(|s| self.string_content(s));
        let Some(clause) = self
            .named_kids(node)
            .into_iter()
            .find(|k| k.kind() == "export_clause")
        else {
            return;
        };
        for spec in self.named_kids(clause) {
            let fields = &self.tables.fields;
            let Some(name) = self.field(spec, fields.name) else {
                continue;
            };
            let name = self.export_name(name);
            let exported = match self.field(spec, fields.alias) {
                Some(alias) => self.export_name(alias),
                None => name.clone(),
            };
            if let Some(module) = &source {
                self.facts.push(Fact::Binding(Binding {
                    local: exported.clone(),
                    module: module.clone(),
                    member: (name != "default").then_some(name),
                    span,
                }));
            }
            let value = Node {
                value: Value::Ident(exported.clone()),
                span,
            };
            self.push_export(exported, value, span);
        }
    }

    fn export_name(&self, node: TsNode<'s>) -> String {
        match self.kind(node) {
            Kind::String => self.string_content(node),
            _ => self.src(node).to_string(),
        }
    }

    fn declared_names(&self, declaration: TsNode<'s>) -> Vec<String> {
        if let Some(name) = declaration.child_by_field_name("name") {
            return vec![self.src(name).to_string()];
        }
        self.named_kids(declaration)
            .into_iter()
            .filter(|k| self.kind(*k) == Kind::VariableDeclarator)
            .filter_map(|k| self.field(k, self.tables.fields.name))
            .filter(|n| self.kind(*n) == Kind::Identifier)
            .map(|n| self.src(n).to_string())
            .collect()
    }

    /// `module.exports = x`, `module.exports = { a, b }`, `exports.a = x`.
    pub(super) fn commonjs_export(&mut self, node: TsNode<'s>) {
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
        let name = match target.as_str() {
            "module.exports" => "default",
            other => match other
                .strip_prefix("module.exports.")
                .or_else(|| other.strip_prefix("exports."))
            {
                Some(name) if !name.contains('.') => name,
                _ => return,
            },
        };
        let span = span_of(node);
        let value = self.node_value(right, 0);
        if let (Value::Object(properties), "default") = (&value.value, name) {
            for property in properties {
                self.push_export(property.key.clone(), property.value.clone(), span);
            }
        }
        self.push_export(name.to_string(), value, span);
    }

    fn push_export(&mut self, name: String, value: Node, span: Span) {
        self.facts.push(Fact::Export(Export { name, value, span }));
    }

    /// The alias table as `Binding` facts (module and member kept apart,
    /// which the dotted alias paths cannot do once module names hold dots).
    pub(super) fn emit_bindings(&mut self) {
        let mut modules: Vec<(String, Span)> = self
            .facts
            .iter()
            .filter_map(|f| match f {
                Fact::Import(i) => Some((i.module.clone(), i.span)),
                _ => None,
            })
            .collect();
        let routing = self.facts.iter().any(|f| {
            matches!(
                f,
                Fact::Route(_) | Fact::Mount(_) | Fact::RouterDef(_) | Fact::Export(_)
            )
        });
        // Only the project pass reads bindings, and only in files that take
        // part in routing.
        if modules.is_empty() || !routing {
            return;
        }
        modules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        let mut aliases: Vec<(&String, &String)> = self.aliases.iter().collect();
        aliases.sort();
        let mut bindings = Vec::new();
        for (local, path) in aliases {
            let found = modules.iter().find(|(m, _)| {
                path == m || (path.starts_with(m.as_str()) && path[m.len()..].starts_with('.'))
            });
            if let Some((module, span)) = found {
                let member = path.get(module.len() + 1..).map(str::to_string);
                bindings.push(Fact::Binding(Binding {
                    local: local.clone(),
                    module: module.clone(),
                    member,
                    span: *span,
                }));
            }
        }
        self.facts.extend(bindings);
    }
}
