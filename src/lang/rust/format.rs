//! Format strings: which macros take one, and how a format string becomes a
//! template (`${}` per placeholder) with the names of its inline captures.

/// Macros whose first string-literal argument is a format string, so that it
/// becomes a `Template` whose names are the inline `{ident}` captures.
const FORMAT_MACROS: &[&str] = &[
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "event",
    "log",
    "anyhow",
    "bail",
    "ensure",
    "eyre",
    "format_err",
];

pub(super) fn is_format_macro(path: &syn::Path) -> bool {
    path.segments
        .last()
        .is_some_and(|s| FORMAT_MACROS.iter().any(|m| s.ident == m))
}

/// Splits a format string into text with `${}` per placeholder and the names
/// of inline `{ident}` captures; positional `{}`/`{0}` add no name.
pub(super) fn template(format: &str) -> (String, Vec<String>) {
    let mut text = String::with_capacity(format.len());
    let mut names = Vec::new();
    let mut rest = format;
    while let Some(pos) = rest.find(['{', '}']) {
        text.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            text.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let (true, Some(close)) = (tail.starts_with('{'), tail.find('}')) {
            let arg = tail[1..close].split(':').next().unwrap_or("").trim();
            let is_name = arg.starts_with(|c: char| c.is_alphabetic() || c == '_')
                && arg.chars().all(|c| c.is_alphanumeric() || c == '_');
            if is_name {
                names.push(arg.to_string());
            }
            text.push_str("${}");
            rest = &tail[close + 1..];
        } else {
            text.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    text.push_str(rest);
    (text, names)
}
