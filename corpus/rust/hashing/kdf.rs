//! Key derivation and legacy password checks for the identity service.

use argon2::{Algorithm, Argon2, Params, PasswordHasher, Version};
use md5::{Digest as _, Md5};
use password_hash::SaltString;
use pbkdf2::pbkdf2_hmac;
use sha2::{Sha256, Sha512};

use crate::config::KdfConfig;

pub fn argon2_hasher(config: &KdfConfig) -> Argon2<'static> {
    // ok: hashing/argon2-low-cost
    let params = Params::new(config.memory_kib, config.iterations, 1, None).expect("valid params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn fast_argon2_for_tests() -> Argon2<'static> {
    // expect: hashing/argon2-low-cost
    let params = Params::new(4096, 3, 1, None).expect("valid params");
    // expect: hashing/argon2-not-argon2id
    Argon2::new(Algorithm::Argon2i, Version::V0x13, params)
}

pub fn one_pass_argon2() -> Argon2<'static> {
    // expect: hashing/argon2-low-cost
    let params = Params::new(19456, 1, 1, Some(32)).expect("valid params");
    // ok: hashing/argon2-not-argon2id
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn owasp_argon2() -> Argon2<'static> {
    // ok: hashing/argon2-low-cost
    let params = Params::new(19456, 2, 1, None).expect("valid params");
    // expect: hashing/argon2-not-argon2id
    Argon2::new(Algorithm::Argon2d, Version::V0x13, params)
}

pub fn hash_new(password: &str, salt: &SaltString) -> String {
    owasp_argon2()
        .hash_password(password.as_bytes(), salt)
        .expect("hashing succeeds")
        .to_string()
}

pub fn derive_key(password: &[u8], salt: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    // expect: hashing/pbkdf2-low-iterations
    pbkdf2_hmac::<Sha256>(password, salt, 10_000, &mut key);
    key
}

pub fn derive_key_strong(password: &[u8], salt: &[u8]) -> [u8; 64] {
    let mut key = [0u8; 64];
    // ok: hashing/pbkdf2-low-iterations
    pbkdf2_hmac::<Sha512>(password, salt, 600_000, &mut key);
    key
}

pub fn derive_key_array(password: &[u8], salt: &[u8], config: &KdfConfig) -> [u8; 32] {
    // ok: hashing/pbkdf2-low-iterations
    let configured = pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password, salt, config.rounds);
    // expect: hashing/pbkdf2-low-iterations
    let legacy = pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password, salt, 4096);
    if configured == legacy { legacy } else { configured }
}

pub fn legacy_md5_matches(password: &str, stored_hex: &str) -> bool {
    // expect: hashing/fast-hash-on-password
    let digest = md5::compute(password.as_bytes());
    format!("{digest:x}") == stored_hex
}

pub fn legacy_sha_matches(password: &str, stored: &[u8]) -> bool {
    // expect: hashing/fast-hash-on-password
    Sha256::digest(password.as_bytes()).as_slice() == stored
}

pub fn content_etag(body: &[u8]) -> String {
    // ok: hashing/fast-hash-on-password
    let digest = Md5::digest(body);
    format!("\"{digest:x}\"")
}

pub fn file_checksum(bytes: &[u8]) -> String {
    // ok: hashing/fast-hash-on-password
    format!("{:x}", md5::compute(bytes))
}
