//! `use` items: the local aliases they bring into scope (so a bare callee
//! resolves to its full path) and the root modules they import.

use syn::ext::IdentExt;
use syn::{Item, UseTree};

use super::extractor::Extractor;
use super::MAX_DEPTH;

impl Extractor<'_> {
    /// Uses usually precede their callers, but need not: this cheap walk over
    /// items (not expressions) learns them before the traversal resolves calls.
    pub(super) fn collect_uses(&mut self, items: &[Item], depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for item in items {
            match item {
                Item::Use(u) => self.add_aliases(&u.tree, &mut Vec::new(), 0),
                Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        self.collect_uses(inner, depth + 1);
                    }
                }
                Item::Fn(f) => self.collect_block_uses(&f.block, depth + 1),
                Item::Impl(i) => {
                    for member in &i.items {
                        if let syn::ImplItem::Fn(f) = member {
                            self.collect_block_uses(&f.block, depth + 1);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn collect_block_uses(&mut self, block: &syn::Block, depth: usize) {
        for stmt in &block.stmts {
            if let syn::Stmt::Item(item) = stmt {
                self.collect_uses(std::slice::from_ref(item), depth);
            }
        }
    }

    pub(super) fn add_aliases(&mut self, tree: &UseTree, prefix: &mut Vec<String>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match tree {
            UseTree::Path(p) => {
                let segment = p.ident.unraw().to_string();
                let keep = !(prefix.is_empty() && is_relative_root(&segment));
                if keep {
                    prefix.push(segment);
                }
                self.add_aliases(&p.tree, prefix, depth + 1);
                if keep {
                    prefix.pop();
                }
            }
            UseTree::Name(n) => {
                let name = n.ident.unraw().to_string();
                if name == "self" {
                    if let Some(last) = prefix.last() {
                        self.bind(last.clone(), prefix.join("."));
                    }
                } else {
                    let full = joined(prefix, &name);
                    self.bind(name, full);
                }
            }
            UseTree::Rename(r) => {
                let name = r.ident.unraw().to_string();
                let full = if name == "self" {
                    prefix.join(".")
                } else {
                    joined(prefix, &name)
                };
                self.bind(r.rename.unraw().to_string(), full);
            }
            UseTree::Glob(_) => {}
            UseTree::Group(g) => {
                for item in &g.items {
                    self.add_aliases(item, prefix, depth + 1);
                }
            }
        }
    }

    fn bind(&mut self, alias: String, full: String) {
        if alias != "_" && !full.is_empty() && alias != full {
            self.aliases.entry(alias).or_insert(full);
        }
    }
}

pub(super) fn is_relative_root(segment: &str) -> bool {
    matches!(segment, "crate" | "self" | "super")
}

fn joined(prefix: &[String], name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{}.{}", prefix.join("."), name)
    }
}

pub(super) fn use_roots(tree: &UseTree, out: &mut Vec<String>, depth: usize) {
    let root = match tree {
        UseTree::Path(p) => p.ident.unraw().to_string(),
        UseTree::Name(n) => n.ident.unraw().to_string(),
        UseTree::Rename(r) => r.ident.unraw().to_string(),
        UseTree::Glob(_) => return,
        UseTree::Group(g) => {
            if depth < MAX_DEPTH {
                g.items.iter().for_each(|t| use_roots(t, out, depth + 1));
            }
            return;
        }
    };
    if !is_relative_root(&root) && !out.contains(&root) {
        out.push(root);
    }
}
