//! `Import` facts from import/export statements and TypeScript
//! `import x = require('m')`, and the file-local alias table they fill
//! (which local name stands for which module path). Applying the aliases to
//! the finished facts is `resolve`'s job.

use tree_sitter::Node as TsNode;

use crate::facts::{Fact, Import};

use super::extractor::{span_of, Extractor};
use super::tables::Kind;

/// Module specifiers name the same module with or without the `node:` scheme.
pub(super) fn normalise_module(spec: String) -> String {
    match spec.strip_prefix("node:") {
        Some(rest) => rest.to_string(),
        None => spec,
    }
}

/// Imports and the aliases they introduce.
impl<'s> Extractor<'s> {
    fn push_import(&mut self, module: String, node: TsNode<'s>) {
        self.facts.push(Fact::Import(Import {
            module,
            span: span_of(node),
        }));
    }

    pub(super) fn on_import(&mut self, node: TsNode<'s>) {
        let source = self.field(node, self.tables.fields.source);
        let module = source.map(|src| normalise_module(self.string_content(src)));
        if let Some(module) = &module {
            self.push_import(module.clone(), node);
        }
        for kid in self.named_kids(node) {
            match (self.kind(kid), &module) {
                (Kind::ImportClause, Some(module)) => self.alias_clause(kid, module),
                (Kind::ImportRequireClause, _) => self.on_require_clause(node, kid),
                _ => {}
            }
        }
    }

    /// TypeScript `import x = require('m')`.
    fn on_require_clause(&mut self, statement: TsNode<'s>, clause: TsNode<'s>) {
        let Some(source) = self.field(clause, self.tables.fields.source) else {
            return;
        };
        let module = normalise_module(self.string_content(source));
        let local = self
            .named_kids(clause)
            .into_iter()
            .find(|kid| self.kind(*kid) == Kind::Identifier);
        if let Some(local) = local {
            self.add_alias(local, module.clone());
        }
        self.push_import(module, statement);
    }

    /// `export ... from 'm'` loads the module just as an import does.
    pub(super) fn on_export(&mut self, node: TsNode<'s>) {
        if let Some(source) = self.field(node, self.tables.fields.source) {
            let module = normalise_module(self.string_content(source));
            self.push_import(module, node);
        }
    }

    fn alias_clause(&mut self, clause: TsNode<'s>, module: &str) {
        for kid in self.named_kids(clause) {
            match self.kind(kid) {
                Kind::Identifier => self.add_alias(kid, module.to_string()),
                Kind::NamespaceImport => {
                    let local = self.named_kids(kid).into_iter().next();
                    if let Some(local) = local {
                        self.add_alias(local, module.to_string());
                    }
                }
                Kind::NamedImports => {
                    for spec in self.named_kids(kid) {
                        self.alias_specifier(spec, module);
                    }
                }
                _ => {}
            }
        }
    }

    fn alias_specifier(&mut self, spec: TsNode<'s>, module: &str) {
        if self.kind(spec) != Kind::ImportSpecifier {
            return;
        }
        let fields = &self.tables.fields;
        let Some(name) = self.field(spec, fields.name) else {
            return;
        };
        let local = self.field(spec, fields.alias).unwrap_or(name);
        let imported = match self.kind(name) {
            Kind::String => self.string_content(name),
            _ => self.src(name).to_string(),
        };
        self.add_alias(local, member_of(module, &imported));
    }

    /// `const b = require('m')`, `const { hash, compare: c } = require('m')`,
    /// `const hash = require('m').hash`.
    pub(super) fn alias_from_require(&mut self, name: TsNode<'s>, value: TsNode<'s>) {
        let (module, member) = match self.kind(value) {
            Kind::MemberExpression => {
                let fields = &self.tables.fields;
                let object = self.field(value, fields.object);
                let property = self.field(value, fields.property);
                match (object.and_then(|o| self.require_module(o)), property) {
                    (Some(module), Some(property)) => (module, Some(self.src(property))),
                    _ => return,
                }
            }
            _ => match self.require_module(value) {
                Some(module) => (module, None),
                None => return,
            },
        };
        let base = match member {
            Some(member) => member_of(&module, member),
            None => module,
        };
        match self.kind(name) {
            Kind::Identifier => self.add_alias(name, base),
            Kind::ObjectPattern => self.alias_pattern(name, &base),
            _ => {}
        }
    }

    fn alias_pattern(&mut self, pattern: TsNode<'s>, base: &str) {
        for kid in self.named_kids(pattern) {
            match self.kind(kid) {
                Kind::ShorthandPattern => {
                    let path = member_of(base, self.src(kid));
                    self.add_alias(kid, path);
                }
                Kind::PairPattern => {
                    let fields = &self.tables.fields;
                    let key = self.field(kid, fields.key).and_then(|k| self.key_text(k));
                    let local = self.field(kid, fields.value);
                    if let (Some(key), Some(local)) = (key, local) {
                        if self.kind(local) == Kind::Identifier {
                            self.add_alias(local, member_of(base, &key));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The module of a `require('m')` call, if `node` is one.
    fn require_module(&self, node: TsNode<'s>) -> Option<String> {
        let fields = &self.tables.fields;
        if self.kind(node) != Kind::CallExpression {
            return None;
        }
        let function = self.field(node, fields.function)?;
        if self.kind(function) != Kind::Identifier || self.src(function) != "require" {
            return None;
        }
        let args = self.field(node, fields.arguments)?;
        let first = self.named_kids(args).into_iter().next()?;
        (self.kind(first) == Kind::String).then(|| normalise_module(self.string_content(first)))
    }

    fn add_alias(&mut self, local: TsNode<'s>, path: String) {
        let local = self.src(local);
        if !local.is_empty() {
            self.aliases.insert(local.to_string(), path);
        }
    }
}

fn member_of(base: &str, member: &str) -> String {
    if member == "default" {
        return base.to_string();
    }
    let mut path = String::with_capacity(base.len() + 1 + member.len());
    path.push_str(base);
    path.push('.');
    path.push_str(member);
    path
}
