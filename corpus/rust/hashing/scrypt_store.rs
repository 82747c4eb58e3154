//! scrypt-based password store kept for the mobile API's old accounts.

use scrypt::password_hash::{PasswordHasher, SaltString};
use scrypt::{Params, Scrypt};

pub struct LegacyStore {
    params: Params,
}

impl LegacyStore {
    pub fn fast() -> Self {
        // expect: hashing/scrypt-low-cost
        let params = Params::new(14, 8, 1, 32).expect("valid scrypt params");
        LegacyStore { params }
    }

    pub fn interactive() -> Self {
        // expect: hashing/scrypt-low-cost
        let params = scrypt::Params::new(10, 8, 1, 32).expect("valid scrypt params");
        LegacyStore { params }
    }

    pub fn recommended() -> Self {
        // ok: hashing/scrypt-low-cost
        let params = Params::new(17, 8, 1, 32).expect("valid scrypt params");
        LegacyStore { params }
    }

    pub fn from_settings(log_n: u8) -> Self {
        // ok: hashing/scrypt-low-cost
        let params = Params::new(log_n, 8, 1, 32).expect("valid scrypt params");
        LegacyStore { params }
    }

    pub fn hash(&self, password: &str, salt: &SaltString) -> String {
        Scrypt
            .hash_password_customized(password.as_bytes(), None, None, self.params, salt)
            .expect("hashing succeeds")
            .to_string()
    }
}
