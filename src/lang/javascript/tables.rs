//! Per-grammar lookup tables: which node kinds the extractor cares about and
//! the field ids it reads, built once per grammar so the walk never compares
//! kind or field names as strings.

use std::sync::OnceLock;

use tree_sitter::Language;

use super::{grammar, JsDialect};

/// The node kinds the extractor cares about; everything else is `Other`.
/// Matching on a table built once per grammar avoids a string comparison per node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Other,
    Comment,
    CallExpression,
    NewExpression,
    MemberExpression,
    SubscriptExpression,
    Identifier,
    PropertyIdentifier,
    ShorthandProperty,
    ShorthandPattern,
    This,
    Super,
    Import,
    String,
    TemplateString,
    TemplateSubstitution,
    Number,
    True,
    False,
    Null,
    Undefined,
    Object,
    Array,
    Pair,
    PairPattern,
    ObjectPattern,
    MethodDefinition,
    SpreadElement,
    UnaryExpression,
    BinaryExpression,
    Wrapper,
    TypeArguments,
    VariableDeclarator,
    AssignmentExpression,
    FieldDefinition,
    PublicFieldDefinition,
    ImportStatement,
    ImportClause,
    NamedImports,
    NamespaceImport,
    ImportSpecifier,
    ImportRequireClause,
    ExportStatement,
    Arguments,
}

fn kind_for_name(name: &str) -> Kind {
    match name {
        "comment" | "html_comment" => Kind::Comment,
        "call_expression" => Kind::CallExpression,
        "new_expression" => Kind::NewExpression,
        "member_expression" => Kind::MemberExpression,
        "subscript_expression" => Kind::SubscriptExpression,
        "identifier" => Kind::Identifier,
        "property_identifier" | "private_property_identifier" => Kind::PropertyIdentifier,
        "shorthand_property_identifier" => Kind::ShorthandProperty,
        "shorthand_property_identifier_pattern" => Kind::ShorthandPattern,
        "this" => Kind::This,
        "super" => Kind::Super,
        "import" => Kind::Import,
        "string" => Kind::String,
        "template_string" => Kind::TemplateString,
        "template_substitution" => Kind::TemplateSubstitution,
        "number" => Kind::Number,
        "true" => Kind::True,
        "false" => Kind::False,
        "null" => Kind::Null,
        "undefined" => Kind::Undefined,
        "object" => Kind::Object,
        "array" => Kind::Array,
        "pair" => Kind::Pair,
        "pair_pattern" => Kind::PairPattern,
        "object_pattern" => Kind::ObjectPattern,
        "method_definition" => Kind::MethodDefinition,
        "spread_element" => Kind::SpreadElement,
        "unary_expression" => Kind::UnaryExpression,
        "binary_expression" => Kind::BinaryExpression,
        "parenthesized_expression"
        | "as_expression"
        | "satisfies_expression"
        | "non_null_expression"
        | "type_assertion" => Kind::Wrapper,
        "type_arguments" => Kind::TypeArguments,
        "variable_declarator" => Kind::VariableDeclarator,
        "assignment_expression" => Kind::AssignmentExpression,
        "field_definition" => Kind::FieldDefinition,
        "public_field_definition" => Kind::PublicFieldDefinition,
        "import_statement" => Kind::ImportStatement,
        "import_clause" => Kind::ImportClause,
        "named_imports" => Kind::NamedImports,
        "namespace_import" => Kind::NamespaceImport,
        "import_specifier" => Kind::ImportSpecifier,
        "import_require_clause" => Kind::ImportRequireClause,
        "export_statement" => Kind::ExportStatement,
        "arguments" => Kind::Arguments,
        _ => Kind::Other,
    }
}

/// Field ids of one grammar; 0 means the grammar has no such field.
/// Looking a field up by name scans the grammar's field list, so it is done once.
pub(super) struct Fields {
    pub(super) function: u16,
    pub(super) arguments: u16,
    pub(super) constructor: u16,
    pub(super) object: u16,
    pub(super) property: u16,
    pub(super) index: u16,
    pub(super) name: u16,
    pub(super) value: u16,
    pub(super) left: u16,
    pub(super) right: u16,
    pub(super) key: u16,
    pub(super) source: u16,
    pub(super) alias: u16,
    pub(super) operator: u16,
    pub(super) argument: u16,
}

/// Per-grammar lookup tables, built once per process.
pub(super) struct Tables {
    pub(super) kinds: Vec<Kind>,
    pub(super) fields: Fields,
}

pub(super) fn tables(dialect: JsDialect) -> &'static Tables {
    static TABLES: [OnceLock<Tables>; 3] = [const { OnceLock::new() }; 3];
    TABLES[dialect.index()].get_or_init(|| build_tables(&grammar(dialect)))
}

fn build_tables(lang: &Language) -> Tables {
    let count = u16::try_from(lang.node_kind_count()).unwrap_or(u16::MAX);
    // Anonymous tokens share names with named kinds (`import`, `this`): only
    // named kinds get a meaning, so a keyword token is never taken for a node.
    let kinds = (0..count)
        .map(|id| match lang.node_kind_for_id(id) {
            Some(name) if lang.node_kind_is_named(id) => kind_for_name(name),
            _ => Kind::Other,
        })
        .collect();
    let field = |name: &str| lang.field_id_for_name(name).map_or(0, |id| id.get());
    let fields = Fields {
        function: field("function"),
        arguments: field("arguments"),
        constructor: field("constructor"),
        object: field("object"),
        property: field("property"),
        index: field("index"),
        name: field("name"),
        value: field("value"),
        left: field("left"),
        right: field("right"),
        key: field("key"),
        source: field("source"),
        alias: field("alias"),
        operator: field("operator"),
        argument: field("argument"),
    };
    Tables { kinds, fields }
}
