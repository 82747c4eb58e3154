//! Finding the file an import names: JS/TS relative specifiers
//! (`./routes/auth` → `routes/auth.js`, `routes/auth/index.ts`) and Rust
//! module paths (`src/routes/auth.rs` is `routes.auth`). Lexical only: the
//! file system is never consulted, only the display paths of the scan.

/// Extensions tried for a specifier without one, in order.
const JS_EXTENSIONS: &[&str] = &["js", "ts", "mjs", "cjs", "jsx", "tsx", "mts", "cts"];

/// The display paths a relative specifier may stand for, from the
/// importing file's display path; empty for packages.
pub fn js_candidates(from: &str, spec: &str) -> Vec<String> {
    if !spec.starts_with('.') {
        return Vec::new();
    }
    let dir = match from.rfind('/') {
        Some(at) => &from[..at],
        None => "",
    };
    let base = normalise(&format!("{dir}/{spec}"), from.starts_with('/'));
    let mut out = vec![base.clone()];
    // TypeScript ESM imports name the compiled `.js` file.
    let stem = base
        .strip_suffix(".js")
        .or_else(|| base.strip_suffix(".mjs"))
        .or_else(|| base.strip_suffix(".cjs"))
        .unwrap_or(&base);
    for ext in JS_EXTENSIONS {
        out.push(format!("{stem}.{ext}"));
    }
    for ext in JS_EXTENSIONS {
        out.push(format!("{base}/index.{ext}"));
    }
    out
}

/// Resolves `.` and `..` segments lexically.
fn normalise(path: &str, absolute: bool) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// A Rust file's crate root (the display path up to its last `src/`) and
/// module path (`routes.auth` for `src/routes/auth.rs`; empty for
/// `main.rs`/`lib.rs`).
pub fn rust_module(path: &str) -> (String, String) {
    let (root, rest) = match path.rfind("src/") {
        Some(at) if at == 0 || path[..at].ends_with('/') => (&path[..at + 4], &path[at + 4..]),
        _ => match path.rfind('/') {
            Some(at) => (&path[..=at], &path[at + 1..]),
            None => ("", path),
        },
    };
    let rest = rest.strip_suffix(".rs").unwrap_or(rest);
    let mut segments: Vec<&str> = rest.split('/').collect();
    if matches!(segments.last(), Some(&("main" | "lib" | "mod"))) {
        segments.pop();
    }
    (root.to_string(), segments.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_specifiers_resolve_lexically() {
        let c = js_candidates("app/routes/index.js", "../middleware/limits");
        assert_eq!(c[0], "app/middleware/limits");
        assert!(c.contains(&"app/middleware/limits.js".to_string()));
        assert!(c.contains(&"app/middleware/limits/index.ts".to_string()));
        let c = js_candidates("src/auth/auth.module.ts", "./auth.controller.js");
        assert!(c.contains(&"src/auth/auth.controller.ts".to_string()));
        assert!(js_candidates("app.js", "express").is_empty());
        assert_eq!(js_candidates("/abs/app.js", "./r")[0], "/abs/r");
    }

    #[test]
    fn rust_module_paths_follow_the_src_layout() {
        assert_eq!(
            rust_module("svc/src/routes/auth.rs"),
            ("svc/src/".to_string(), "routes.auth".to_string())
        );
        assert_eq!(rust_module("svc/src/main.rs").1, "");
        assert_eq!(rust_module("svc/src/routes/mod.rs").1, "routes");
        assert_eq!(
            rust_module("loose.rs"),
            (String::new(), "loose".to_string())
        );
    }
}
