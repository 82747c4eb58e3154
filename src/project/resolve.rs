//! Name resolution for the router graph: what a value named in one file
//! stands for — a router, a limiter, an exemption, plain or unknown code —
//! following local bindings, `require`/`import` bindings into the exports of
//! other scanned files, and Rust module paths. Depth-bounded, so cycles
//! between files end.

use super::graph::{combine, Class, Graph, Resolved, MAX_RESOLVE_DEPTH};
use super::modules::{js_candidates, rust_module};
use crate::facts::Value;

impl Graph<'_> {
    /// What a value named in file `file` is.
    pub fn resolve(&self, file: usize, value: &Value, depth: usize) -> Resolved {
        if depth > MAX_RESOLVE_DEPTH {
            return Resolved::Middleware(Class::Unknown);
        }
        match value {
            Value::Ident(name) | Value::Member(name) => self.resolve_name(file, name, depth),
            Value::Call { callee } => self.resolve_call(file, callee, depth),
            Value::Object(_) => Resolved::Middleware(self.options_class(value)),
            Value::Array(items) => {
                let classes = items
                    .iter()
                    .map(|i| match self.resolve(file, &i.value, depth + 1) {
                        Resolved::Router(_) => Class::Plain,
                        Resolved::Middleware(c) => c,
                    });
                Resolved::Middleware(combine(classes))
            }
            // Inline code (a handler, an arrow-function middleware).
            Value::Unknown => Resolved::Middleware(self.local_code(file, Class::Plain)),
            _ => Resolved::Middleware(Class::Plain),
        }
    }

    /// Route options that set a limit (`config: { rateLimit: {...} }`).
    pub(super) fn options_class(&self, value: &Value) -> Class {
        for path in &self.matcher.options {
            let mut current = value;
            let mut found = true;
            for key in path {
                match current {
                    Value::Object(props) => match props.iter().find(|p| &p.key == key) {
                        Some(p) => current = &p.value.value,
                        None => {
                            found = false;
                            break;
                        }
                    },
                    _ => {
                        found = false;
                        break;
                    }
                }
            }
            if found {
                return match current {
                    Value::Bool(false) => Class::Exempt,
                    _ => Class::Limiter,
                };
            }
        }
        Class::Plain
    }

    pub(super) fn by_name(&self, name: &str) -> Class {
        if self.matcher.is_exempt(name) {
            Class::Exempt
        } else if self.matcher.is_limiter(name) {
            Class::Limiter
        } else {
            Class::Plain
        }
    }

    pub(super) fn resolve_call(&self, file: usize, callee: &str, depth: usize) -> Resolved {
        let name = callee
            .split('(')
            .next()
            .unwrap_or(callee)
            .trim_end_matches('.');
        match self.by_name(name) {
            Class::Plain => {}
            class => return Resolved::Middleware(class),
        }
        if self.files[file].rust {
            return match self.rust_lookup(file, name) {
                Some(found) => found,
                None => Resolved::Middleware(Class::Plain),
            };
        }
        // Koa: `app.use(router.routes())` mounts the router.
        for suffix in [".routes", ".middleware"] {
            if let Some(router) = name.strip_suffix(suffix) {
                if let Some(id) = self.node_of(file, router) {
                    return Resolved::Router(id);
                }
            }
        }
        let head = name.split('.').next().unwrap_or(name);
        let summary = &self.files[file];
        let relative = summary
            .bindings
            .iter()
            .any(|b| b.local == head && b.module.starts_with('.'));
        let local = relative || summary.locals.iter().any(|(n, _)| n == head);
        if !local {
            return Resolved::Middleware(Class::Plain);
        }
        match self.resolve_name(file, name, depth + 1) {
            Resolved::Middleware(Class::Limiter) => Resolved::Middleware(Class::Limiter),
            // A factory from another file of the project (`authRoutes()`):
            // what it returns cannot be followed.
            _ if relative => Resolved::Middleware(Class::Unknown),
            Resolved::Router(_) => Resolved::Middleware(Class::Plain),
            other => other,
        }
    }

    pub(super) fn resolve_name(&self, file: usize, name: &str, depth: usize) -> Resolved {
        if let Some(id) = self.node_of(file, name) {
            return Resolved::Router(id);
        }
        let summary = &self.files[file];
        if summary.rust {
            return self
                .rust_lookup(file, name)
                .unwrap_or_else(|| Resolved::Middleware(self.by_name(name)));
        }
        let (head, rest) = match name.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (name, None),
        };
        if let Some(binding) = summary.bindings.iter().find(|b| b.local == head) {
            let member = match (&binding.member, rest) {
                (Some(m), Some(r)) => Some(format!("{m}.{r}")),
                (Some(m), None) => Some(m.clone()),
                (None, Some(r)) => Some(r.to_string()),
                (None, None) => None,
            };
            return self.resolve_import(file, &binding.module, member.as_deref(), depth);
        }
        if let Some((_, value)) = summary.locals.iter().find(|(n, _)| n == head) {
            return match (&value.value, rest) {
                (_, None) => self.resolve(file, &value.value, depth + 1),
                (Value::Ident(base) | Value::Member(base), Some(rest)) => {
                    self.resolve_name(file, &format!("{base}.{rest}"), depth + 1)
                }
                (Value::Call { .. }, Some(_)) => self.resolve(file, &value.value, depth + 1),
                _ => Resolved::Middleware(Class::Unknown),
            };
        }
        // A function or parameter of this file: a limiter by its name, or
        // because the file imports a limiter package to write it.
        Resolved::Middleware(self.local_code(file, self.by_name(name)))
    }

    /// Code written in a middleware file — one that registers no routes and
    /// imports a limiter package — counts as a limiter (custom middleware
    /// around `rate-limiter-flexible`, for example).
    pub(super) fn local_code(&self, file: usize, class: Class) -> Class {
        let summary = &self.files[file];
        let imports_limiter = !summary.registers_routes
            && summary
                .packages
                .iter()
                .any(|p| self.matcher.from_limiter_package(p));
        match class {
            Class::Plain if imports_limiter => Class::Limiter,
            class => class,
        }
    }

    pub(super) fn resolve_import(
        &self,
        file: usize,
        module: &str,
        member: Option<&str>,
        depth: usize,
    ) -> Resolved {
        let candidates = js_candidates(&self.files[file].path, module);
        if candidates.is_empty() {
            let name = match member {
                Some(m) => format!("{module}.{m}"),
                None => module.to_string(),
            };
            return Resolved::Middleware(self.by_name(&name));
        }
        let Some(target) = candidates
            .iter()
            .find_map(|c| self.by_path.get(c.as_str()).copied())
        else {
            let scanned = candidates.iter().any(|c| self.scanned.contains(c.as_str()));
            // Scanned but with nothing routing could use: plain code.
            return Resolved::Middleware(if scanned {
                Class::Plain
            } else {
                Class::Unknown
            });
        };
        let (export_name, rest) = match member {
            Some(m) => match m.split_once('.') {
                Some((e, r)) => (e, Some(r)),
                None => (m, None),
            },
            None => ("default", None),
        };
        let Some(export) = self.files[target]
            .exports
            .iter()
            .find(|e| e.name == export_name)
        else {
            return Resolved::Middleware(Class::Plain);
        };
        match (&export.value.value, rest) {
            (Value::Ident(base) | Value::Member(base), Some(rest)) => {
                self.resolve_name(target, &format!("{base}.{rest}"), depth + 1)
            }
            (value, _) => self.resolve(target, value, depth + 1),
        }
    }

    /// A Rust path naming a router function: in the same file first, then
    /// by module path within the same crate; ambiguous names are unknown.
    pub(super) fn rust_lookup(&self, file: usize, path: &str) -> Option<Resolved> {
        if let Some(id) = self.node_of(file, path) {
            return Some(Resolved::Router(id));
        }
        let (root, _) = rust_module(&self.files[file].path);
        let suffix = format!(".{path}");
        let last = path.rsplit('.').next().unwrap_or(path);
        let found: Vec<usize> = self
            .rust_names
            .get(last)?
            .iter()
            .filter(|(r, q, _)| *r == root && (q == path || q.ends_with(&suffix)))
            .map(|(_, _, id)| *id)
            .collect();
        match found.as_slice() {
            [] => None,
            [one] => Some(Resolved::Router(*one)),
            _ => Some(Resolved::Middleware(Class::Unknown)),
        }
    }
}
