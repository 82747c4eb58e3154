//! Language detection and dispatch to the front ends.
//!
//! Decides once, from the file name (and a shebang for extensionless scripts),
//! which front end a file needs, and runs that front end at most once. It does
//! not match rules: it hands facts (and, for JS/TS, the tree) to `rules`.

pub(crate) mod arith;
mod brackets;
pub mod config;
pub mod javascript;
#[cfg(test)]
mod log_slice_check;
mod log_words;
pub mod rust;

use std::fmt;
use std::path::Path;

use crate::facts::Extraction;
pub use config::KeepEntry;
use javascript::JsDialect;
pub use log_words::{ArgumentJudge, LogWords};

/// What a file is, which decides its front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// `.js`, `.jsx`, `.mjs`, `.cjs`, or a `node` shebang.
    JavaScript,
    /// `.ts`, `.mts`, `.cts`.
    TypeScript,
    /// `.tsx`.
    Tsx,
    /// `.rs`.
    Rust,
    /// `.yaml`, `.yml`.
    Yaml,
    /// `.json`, `.jsonc`, `.json5` is not JSON and stays text.
    Json,
    /// `.toml`.
    Toml,
    /// `.env`, `.env.production`, `production.env`.
    Dotenv,
    /// Any other text file: regex rules only.
    Text,
}

/// Every language, in a fixed order (for tables and pre-filters).
pub const ALL_LANGUAGES: [Language; 9] = [
    Language::JavaScript,
    Language::TypeScript,
    Language::Tsx,
    Language::Rust,
    Language::Yaml,
    Language::Json,
    Language::Toml,
    Language::Dotenv,
    Language::Text,
];

impl Language {
    /// The name used in rule packs' `languages:` lists and in reports.
    /// TSX files count as `typescript` there.
    pub fn rule_name(self) -> &'static str {
        match self {
            Language::JavaScript => "javascript",
            Language::TypeScript | Language::Tsx => "typescript",
            Language::Rust => "rust",
            Language::Yaml => "yaml",
            Language::Json => "json",
            Language::Toml => "toml",
            Language::Dotenv => "dotenv",
            Language::Text => "text",
        }
    }

    /// The languages a rule-pack name stands for, or `None` for an unknown name.
    pub fn from_rule_name(name: &str) -> Option<&'static [Language]> {
        Some(match name {
            "javascript" => &[Language::JavaScript],
            "typescript" => &[Language::TypeScript, Language::Tsx],
            "rust" => &[Language::Rust],
            "yaml" => &[Language::Yaml],
            "json" => &[Language::Json],
            "toml" => &[Language::Toml],
            "dotenv" => &[Language::Dotenv],
            "text" => &[Language::Text],
            _ => return None,
        })
    }

    /// The tree-sitter dialect for JS/TS languages.
    pub fn js_dialect(self) -> Option<JsDialect> {
        match self {
            Language::JavaScript => Some(JsDialect::JavaScript),
            Language::TypeScript => Some(JsDialect::TypeScript),
            Language::Tsx => Some(JsDialect::Tsx),
            _ => None,
        }
    }

    /// Whether the file is configuration (key/value entries) rather than code.
    pub fn is_config(self) -> bool {
        matches!(
            self,
            Language::Yaml | Language::Json | Language::Toml | Language::Dotenv
        )
    }

    /// Detects the language from the file name, falling back to the first line.
    pub fn detect(path: &Path, first_line: &str) -> Language {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if is_dotenv_name(&name) {
            return Language::Dotenv;
        }
        let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            "js" | "jsx" | "mjs" | "cjs" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "rs" => Language::Rust,
            "yaml" | "yml" => Language::Yaml,
            "json" | "jsonc" => Language::Json,
            "toml" => Language::Toml,
            _ if first_line.starts_with("#!") && first_line.contains("node") => {
                Language::JavaScript
            }
            _ => Language::Text,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rule_name())
    }
}

/// `.env`, `.env.local`, `.env.production`, `prod.env` (but not `.envrc`, a shell script).
fn is_dotenv_name(name: &str) -> bool {
    name == ".env" || name.starts_with(".env.") || name.ends_with(".env")
}

/// The result of the one parse a file gets.
pub struct Parsed {
    /// Facts (and any parse problem) from the front end.
    pub extraction: Extraction,
    /// The tree-sitter tree, kept for raw `query` rules on JS/TS.
    pub js_tree: Option<(JsDialect, tree_sitter::Tree)>,
}

/// Runs the front end for `language` over `text`; `None` for plain text.
pub fn parse(language: Language, text: &str) -> Option<Parsed> {
    parse_keeping(language, text, None)
}

/// [`parse`], storing only the configuration entries `keep` wants.
pub fn parse_keeping(language: Language, text: &str, keep: KeepEntry<'_>) -> Option<Parsed> {
    if let Some(dialect) = language.js_dialect() {
        let parsed = javascript::parse_js(text, dialect);
        return Some(Parsed {
            extraction: parsed.extraction,
            js_tree: Some((dialect, parsed.tree)),
        });
    }
    let extraction = match language {
        Language::Rust => rust::extract_rust(text),
        Language::Yaml => config::extract_yaml(text, keep),
        Language::Json => config::extract_json(text, keep),
        Language::Toml => config::extract_toml(text, keep),
        Language::Dotenv => config::extract_dotenv(text, keep),
        _ => return None,
    };
    Some(Parsed {
        extraction,
        js_tree: None,
    })
}

/// Parses what the `log` rules need of a JS/TS or Rust file (see
/// [`javascript::log_slice`] and [`rust::rust_log_slice`]): nothing, its
/// pieces, or, when the slicer is unsure or the pieces do not parse
/// cleanly, the whole file. The flag says whether the whole file was parsed.
/// `lexed`: a JS/TS file's tokens, when they were lexed already.
pub fn parse_for_logs(
    language: Language,
    text: &str,
    lexed: Option<&javascript::Lexed>,
    words: &LogWords,
) -> (Option<Parsed>, bool) {
    let whole = || (parse_keeping(language, text, None), true);
    if language == Language::Rust {
        return match rust::rust_log_slice(text, words) {
            Some(rust::RustLogSlice::Nothing) => (None, false),
            Some(rust::RustLogSlice::Masked(masked)) => {
                let extraction = rust::extract_rust(&masked);
                if extraction.problem.is_some() {
                    return whole();
                }
                let parsed = Parsed {
                    extraction,
                    js_tree: None,
                };
                (Some(parsed), false)
            }
            None => whole(),
        };
    }
    let Some(dialect) = language.js_dialect() else {
        return whole();
    };
    let typescript = dialect != javascript::JsDialect::JavaScript;
    let slice = match lexed {
        Some(lexed) => javascript::log_slice_lexed(text, lexed, words, typescript),
        None => javascript::log_slice(text, words, typescript),
    };
    let pieces = match slice {
        Some(javascript::LogSlice::Nothing) => return (None, false),
        Some(javascript::LogSlice::Pieces(pieces)) => pieces,
        None => return whole(),
    };
    match javascript::parse_js_pieces(text, dialect, &pieces) {
        Some(parsed) => (
            Some(Parsed {
                extraction: parsed.extraction,
                js_tree: Some((dialect, parsed.tree)),
            }),
            false,
        ),
        None => whole(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_name_extension_and_shebang() {
        let d = |p: &str, first: &str| Language::detect(Path::new(p), first);
        assert_eq!(d("src/app.tsx", ""), Language::Tsx);
        assert_eq!(d("src/App.JSX", ""), Language::JavaScript);
        assert_eq!(d(".env", ""), Language::Dotenv);
        assert_eq!(d("deploy/.env.production", ""), Language::Dotenv);
        assert_eq!(d("prod.env", ""), Language::Dotenv);
        assert_eq!(d(".envrc", ""), Language::Text);
        assert_eq!(d("Dockerfile", "FROM node"), Language::Text);
        assert_eq!(d("bin/serve", "#!/usr/bin/env node"), Language::JavaScript);
        assert_eq!(d("Cargo.toml", ""), Language::Toml);
    }
}
