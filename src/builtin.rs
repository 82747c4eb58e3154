//! The built-in rule packs, control catalog and policy, embedded at build time
//! so the binary works with no files around it.

/// `rules/controls.yaml`.
pub const CONTROLS: &str = include_str!("../rules/controls.yaml");

/// `rules/policy.yaml`.
pub const POLICY: &str = include_str!("../rules/policy.yaml");

/// Every built-in pack: file name and text, in a fixed order.
pub const PACKS: [(&str, &str); 7] = [
    ("cookies.yaml", include_str!("../rules/cookies.yaml")),
    ("hashing.yaml", include_str!("../rules/hashing.yaml")),
    ("logging.yaml", include_str!("../rules/logging.yaml")),
    (
        "rate-limiting.yaml",
        include_str!("../rules/rate-limiting.yaml"),
    ),
    ("secrets.yaml", include_str!("../rules/secrets.yaml")),
    ("sessions.yaml", include_str!("../rules/sessions.yaml")),
    ("transport.yaml", include_str!("../rules/transport.yaml")),
];

/// [`PACKS`] as JSON, converted by `build.rs`, in the same order: it parses
/// in a fraction of the YAML's time, which every run paid. Empty where the
/// YAML did not convert; the loader then reads the YAML.
pub const PACKS_JSON: [&str; 7] = [
    include_str!(concat!(env!("OUT_DIR"), "/cookies.json")),
    include_str!(concat!(env!("OUT_DIR"), "/hashing.json")),
    include_str!(concat!(env!("OUT_DIR"), "/logging.json")),
    include_str!(concat!(env!("OUT_DIR"), "/rate-limiting.json")),
    include_str!(concat!(env!("OUT_DIR"), "/secrets.json")),
    include_str!(concat!(env!("OUT_DIR"), "/sessions.json")),
    include_str!(concat!(env!("OUT_DIR"), "/transport.json")),
];
