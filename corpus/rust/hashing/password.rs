//! Password storage for the accounts service.

use anyhow::Result;
use bcrypt::{hash, hash_with_salt, verify, DEFAULT_COST};

use crate::config::AuthConfig;

pub struct PasswordHasher {
    cost: u32,
}

impl PasswordHasher {
    pub fn from_config(config: &AuthConfig) -> Self {
        PasswordHasher { cost: config.bcrypt_cost }
    }

    pub fn hash(&self, password: &str) -> Result<String> {
        // ok: hashing/bcrypt-low-cost
        Ok(hash(password, self.cost)?)
    }

    pub fn verify(&self, password: &str, stored: &str) -> Result<bool> {
        Ok(verify(password, stored)?)
    }
}

/// Used by the seed script; copied from an old prototype.
pub fn fast_hash_for_fixtures(password: &str) -> String {
    // expect: hashing/bcrypt-low-cost
    bcrypt::hash(password, 4).expect("hashing a fixture password")
}

pub fn hash_with_fixed_salt(password: &str, salt: [u8; 16]) -> Result<String> {
    // expect: hashing/bcrypt-low-cost
    let parts = hash_with_salt(password, 6, salt)?;
    Ok(parts.to_string())
}

pub fn default_strength(password: &str) -> Result<String> {
    // ok: hashing/bcrypt-low-cost
    let strong = bcrypt::hash(password, DEFAULT_COST)?;
    // ok: hashing/bcrypt-low-cost
    let stronger = bcrypt::hash(password, 13)?;
    Ok(format!("{strong}{stronger}"))
}
