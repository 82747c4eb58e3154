//! Planted findings: fake credentials and weak settings put into generated
//! files at known lines, so a benchmark can check that nothing was missed.
//!
//! Every secret is random at generation time (seeded), never a real token.

use serde::Serialize;

use crate::rng::Rng;

/// One planted finding: where it is and which rule must report it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Planted {
    /// Path relative to the generated tree's root, `/`-separated.
    pub path: String,
    /// 1-based line the finding is reported on.
    pub line: usize,
    /// The rule that must report it.
    pub rule_id: String,
}

const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A fake AWS access key id in the documented shape.
pub fn aws_key_id(rng: &mut Rng) -> String {
    format!("AKIA{}", rng.string(BASE32, 16))
}

/// Which language a planted block is written in.
#[derive(Debug, Clone, Copy)]
pub enum Host {
    /// JavaScript or TypeScript module (top level).
    Script,
    /// Rust module (top level).
    Rust,
}

/// Appends one planted block (chosen by `turn`) to a module and records the
/// line its finding stands on.
pub fn plant_in_module(
    host: Host,
    turn: usize,
    path: &str,
    lines: &mut Vec<String>,
    rng: &mut Rng,
    planted: &mut Vec<Planted>,
) {
    let (block, offset, rule): (Vec<String>, usize, &str) = match (host, turn % 4) {
        (Host::Script, 0) => (
            vec![format!(
                "const ARCHIVE_ACCESS_KEY_ID = '{}';",
                aws_key_id(rng)
            )],
            0,
            "secrets/aws-access-key-id",
        ),
        (Host::Script, 1) => (
            vec![
                "const legacyBcrypt = require('bcryptjs');".to_string(),
                "const hashLegacyPin = (pin) => legacyBcrypt.hashSync(pin, 8);".to_string(),
            ],
            1,
            "hashing/bcrypt-low-cost",
        ),
        (Host::Script, 2) => (
            vec![
                "function rememberDevice(res, deviceToken) {".to_string(),
                "  res.cookie('device_sid', deviceToken, { httpOnly: false, secure: true, sameSite: 'strict', maxAge: 86400000 });".to_string(),
                "}".to_string(),
            ],
            1,
            "cookies/httponly-disabled",
        ),
        (Host::Script, _) => (
            vec![
                "const legacyHttps = require('https');".to_string(),
                "const partnerAgent = new legacyHttps.Agent({ keepAlive: true, rejectUnauthorized: false });".to_string(),
            ],
            1,
            "transport/tls-verification-disabled",
        ),
        (Host::Rust, 0) => (
            vec![format!(
                "const ARCHIVE_ACCESS_KEY_ID: &str = \"{}\";",
                aws_key_id(rng)
            )],
            0,
            "secrets/aws-access-key-id",
        ),
        (Host::Rust, 1) => (
            vec![
                "pub fn hash_legacy_pin(pin: &str) -> Result<String, bcrypt::BcryptError> {".to_string(),
                "    bcrypt::hash(pin, 6)".to_string(),
                "}".to_string(),
            ],
            1,
            "hashing/bcrypt-low-cost",
        ),
        (Host::Rust, 2) => (
            vec![
                "pub fn partner_client() -> reqwest::Result<reqwest::Client> {".to_string(),
                "    reqwest::Client::builder()".to_string(),
                "        .danger_accept_invalid_certs(true)".to_string(),
                "        .build()".to_string(),
                "}".to_string(),
            ],
            2,
            "transport/tls-verification-disabled",
        ),
        (Host::Rust, _) => (
            vec![
                "pub fn device_cookie(value: String) -> cookie::Cookie<'static> {".to_string(),
                "    cookie::Cookie::build((\"device_sid\", value))".to_string(),
                "        .http_only(false)".to_string(),
                "        .secure(true)".to_string(),
                "        .build()".to_string(),
                "}".to_string(),
            ],
            2,
            "cookies/httponly-disabled",
        ),
    };
    lines.push(String::new());
    let first = lines.len() + 1;
    lines.extend(block);
    planted.push(Planted {
        path: path.to_string(),
        line: first + offset,
        rule_id: rule.to_string(),
    });
}

/// Adds an AWS key pair to a Deployment's container env, right after `env:`.
pub fn plant_in_deployment(
    path: &str,
    lines: &mut Vec<String>,
    rng: &mut Rng,
    planted: &mut Vec<Planted>,
) {
    let Some(at) = lines.iter().position(|l| l.trim() == "env:") else {
        return;
    };
    let indent = " ".repeat(lines[at].len() - lines[at].trim_start().len() + 2);
    lines.insert(at + 1, format!("{indent}- name: AWS_ACCESS_KEY_ID"));
    lines.insert(at + 2, format!("{indent}  value: {}", aws_key_id(rng)));
    planted.push(Planted {
        path: path.to_string(),
        line: at + 3,
        rule_id: "secrets/aws-access-key-id".to_string(),
    });
}

/// A production `.env` with one committed credential among references.
pub fn dotenv_with_key(
    path: &str,
    service: &str,
    rng: &mut Rng,
    planted: &mut Vec<Planted>,
) -> Vec<String> {
    let lines = vec![
        format!("# {service}: production settings"),
        "NODE_ENV=production".to_string(),
        "PORT=8080".to_string(),
        format!("DATABASE_HOST=db.{service}.svc.cluster.local"),
        "AWS_REGION=eu-west-1".to_string(),
        format!("AWS_ACCESS_KEY_ID={}", aws_key_id(rng)),
        "LOG_LEVEL=info".to_string(),
    ];
    planted.push(Planted {
        path: path.to_string(),
        line: 6,
        rule_id: "secrets/aws-access-key-id".to_string(),
    });
    lines
}

/// A PEM private key file (random body), reported on its BEGIN line.
pub fn private_key_file(path: &str, rng: &mut Rng, planted: &mut Vec<Planted>) -> Vec<String> {
    let mut lines = vec!["-----BEGIN RSA PRIVATE KEY-----".to_string()];
    for _ in 0..12 {
        lines.push(rng.string(BASE64, 64));
    }
    lines.push(format!("{}==", rng.string(BASE64, 30)));
    lines.push("-----END RSA PRIVATE KEY-----".to_string());
    planted.push(Planted {
        path: path.to_string(),
        line: 1,
        rule_id: "secrets/private-key".to_string(),
    });
    lines
}
