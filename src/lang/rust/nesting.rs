//! A bound on how deeply syn will recurse, checked before syn runs.
//!
//! syn is a recursive-descent parser: every level of `(`, `{`, `[`, every
//! `Vec<` of a type, every `||` of a closure or `..` of a range costs it stack
//! frames, and 2 000 of them overflow even a 64 MiB stack in a debug build. A
//! stack overflow aborts the process, so it cannot be caught like a panic.
//! proc-macro2 tokenizes and drops token trees without recursion, so the
//! tokens are measured first and a file past the bound is refused with a
//! parse problem (text rules still run on it).
//!
//! The measure over-estimates what makes syn recurse and ignores what syn
//! loops over (method chains, binary operators, statements, list items):
//! group depth, plus at every level the open `<` not yet closed by a `>`, plus
//! the operators in prefix position (after another operator: `- - x`, `&&T`,
//! `|| ||`, `.. ..`) and the keywords that start a nested type or expression
//! (`return`, `move`, `dyn`, `impl`, `fn`, …). The operator count restarts at
//! `;` and `,`; both restart when a `{…}` block closes. Hand-written Rust
//! stays far below the bound.

use proc_macro2::{Delimiter, Spacing, Span, TokenStream, TokenTree};

/// The largest nesting measure parsed; deeper files fall back to text rules.
pub const MAX_NESTING: usize = 384;

/// Keywords after which syn parses a nested type or expression by recursion.
const NESTING_KEYWORDS: [&str; 13] = [
    "return", "break", "yield", "move", "dyn", "impl", "fn", "mut", "ref", "const", "static",
    "async", "box",
];

/// `syn::parse_file` for text whose BOM and shebang are already blanked,
/// refusing input nested deeper than [`MAX_NESTING`].
pub fn parse_file(source: &str) -> syn::Result<syn::File> {
    let tokens: TokenStream = source.parse().map_err(syn::Error::from)?;
    if let Some(span) = too_deep(&tokens) {
        return Err(syn::Error::new(
            span,
            format!("nested more than {MAX_NESTING} levels deep; not parsed"),
        ));
    }
    syn::parse2(tokens)
}

/// The measure at one level of grouping.
#[derive(Default, Clone, Copy)]
struct Level {
    prefix: usize,
    angles: usize,
    after_operand: bool,
    last_joint: Option<char>,
}

impl Level {
    fn measure(&self) -> usize {
        self.prefix + self.angles
    }

    fn step(&mut self, tree: &TokenTree) {
        let mut operand = true;
        let mut joint = None;
        match tree {
            TokenTree::Punct(p) => {
                operand = false;
                let c = p.as_char();
                match c {
                    ';' => *self = Level::default(),
                    ',' => self.prefix = 0,
                    '<' => self.angles += 1,
                    '>' if !matches!(self.last_joint, Some('-' | '=')) => {
                        self.angles = self.angles.saturating_sub(1)
                    }
                    _ if !self.after_operand => self.prefix += 1,
                    _ => {}
                }
                if p.spacing() == Spacing::Joint {
                    joint = Some(c);
                }
            }
            TokenTree::Ident(ident) => {
                let word = ident.to_string();
                if NESTING_KEYWORDS.contains(&word.as_str()) {
                    self.prefix += 1;
                    operand = false;
                }
            }
            TokenTree::Literal(_) | TokenTree::Group(_) => {}
        }
        if !matches!(tree, TokenTree::Punct(p) if p.as_char() == ';') {
            self.after_operand = operand;
        }
        self.last_joint = joint;
    }
}

/// Where the nesting measure first passes the bound, if it does.
fn too_deep(tokens: &TokenStream) -> Option<Span> {
    let mut stack: Vec<(proc_macro2::token_stream::IntoIter, Level, Delimiter)> = Vec::new();
    let mut iter = tokens.clone().into_iter();
    let mut outer = 0;
    let mut level = Level::default();
    loop {
        let Some(tree) = iter.next() else {
            let (parent, saved, delimiter) = stack.pop()?;
            outer -= saved.measure() + 1;
            level = if delimiter == Delimiter::Brace {
                Level::default()
            } else {
                saved
            };
            level.after_operand = true;
            iter = parent;
            continue;
        };
        level.step(&tree);
        let opens = usize::from(matches!(tree, TokenTree::Group(_)));
        if outer + level.measure() + opens > MAX_NESTING {
            return Some(tree.span());
        }
        if let TokenTree::Group(group) = tree {
            let inner = group.stream().into_iter();
            stack.push((
                std::mem::replace(&mut iter, inner),
                level,
                group.delimiter(),
            ));
            outer += level.measure() + 1;
            level = Level::default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure_refuses(text: &str) -> bool {
        too_deep(&text.parse().unwrap()).is_some()
    }

    #[test]
    fn deep_groups_and_long_recursive_chains_are_refused() {
        let n = MAX_NESTING + 1;
        assert!(measure_refuses(&format!(
            "{}{}",
            "(".repeat(n),
            ")".repeat(n)
        )));
        assert!(measure_refuses(&format!(
            "fn f() {{ {}1; }}",
            "|| ".repeat(n)
        )));
        assert!(measure_refuses(&format!("type T = {}u8;", "&".repeat(n))));
        assert!(measure_refuses(&format!(
            "type T = {}u8{};",
            "Vec<".repeat(n),
            ">".repeat(n)
        )));
        let hidden = format!("type T = {}u8;", "Vec<fn() -> ".repeat(n));
        assert!(measure_refuses(&hidden), "`->` does not close a `<`");
        assert!(parse_file(&format!("fn f() {{ let _ = {}; }}", ".. ".repeat(10_000))).is_err());
    }

    #[test]
    fn ordinary_code_is_far_below_the_bound() {
        let items: String = (0..2_000)
            .map(|i| format!("fn f{i}(a: u8, b: u8) -> u8 {{ if a < b {{ a }} else {{ b }} }}\n"))
            .collect();
        let list: String = (0..5_000).map(|i| format!("{i}, ")).collect();
        let fields: String = (0..1_000)
            .map(|i| format!("f{i}: Vec<Option<u8>>, "))
            .collect();
        let chain = format!(
            "fn c() {{ a{}; let s = 1{}; }}",
            ".b()".repeat(5000),
            " + 1".repeat(5000)
        );
        let negatives: String = (0..1_000).map(|i| format!("-{i}, ")).collect();
        let text = format!(
            "{items}const L: &[i32] = &[{list}{negatives}];\nstruct S {{ {fields} }}\n{chain}\n"
        );
        assert!(!measure_refuses(&text));
        assert!(parse_file(&text).is_ok());
    }
}
