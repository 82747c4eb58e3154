//! Import of the accounts of the acquired forum: their passwords were stored
//! as unsalted md5 or sha1 and are re-hashed with bcrypt on import.

use bcrypt::{hash_with_result, hash_with_salt, verify, BcryptResult, Version, DEFAULT_COST};
use md5::Md5;
use sha1::{Digest, Sha1};
use sha2::Sha256;

pub struct ImportedAccount {
    pub login: String,
    pub password: String,
    pub stored_digest: Vec<u8>,
}

pub fn forum_md5_matches(account: &ImportedAccount) -> bool {
    // expect: hashing/fast-hash-on-password
    Md5::digest(account.password.as_bytes()).as_slice() == account.stored_digest
}

pub fn forum_sha1_matches(password: &str, stored: &[u8]) -> bool {
    // expect: hashing/fast-hash-on-password
    Sha1::digest(password.as_bytes()).as_slice() == stored
}

pub fn avatar_cache_key(login: &str) -> String {
    // ok: hashing/fast-hash-on-password
    format!("{:x}", Sha256::digest(login.to_lowercase().as_bytes()))
}

pub fn attachment_integrity(bytes: &[u8]) -> String {
    // ok: hashing/fast-hash-on-password
    format!("{:x}", Sha1::digest(bytes))
}

pub fn rehash_quickly(password: &str) -> BcryptResult<String> {
    // expect: hashing/bcrypt-low-cost
    let parts = hash_with_result(password, 8)?;
    Ok(parts.format_for_version(Version::TwoB))
}

pub fn rehash_for_import(password: &str) -> BcryptResult<String> {
    // expect: hashing/bcrypt-below-policy
    bcrypt::hash(password, 10)
}

pub fn rehash_with_salt(password: &str, salt: [u8; 16]) -> BcryptResult<String> {
    // expect: hashing/bcrypt-below-policy
    Ok(hash_with_salt(password, 11, salt)?.to_string())
}

pub fn rehash_at_policy(password: &str) -> BcryptResult<String> {
    // ok: hashing/bcrypt-low-cost, hashing/bcrypt-below-policy
    let current = bcrypt::hash(password, 12)?;
    // ok: hashing/bcrypt-low-cost, hashing/bcrypt-below-policy
    let parts = hash_with_result(password, DEFAULT_COST)?;
    Ok(format!("{current}{}", parts.format_for_version(Version::TwoB)))
}

pub fn check(password: &str, stored: &str) -> BcryptResult<bool> {
    // ok: hashing/bcrypt-low-cost, hashing/bcrypt-below-policy
    verify(password, stored)
}
