//! Checksums embedded in credential formats, so a string that merely has a
//! token's shape (a look-alike, a hand-typed placeholder, a truncated copy) is
//! not reported as a live credential.
//!
//! Each `Checksum` names one documented scheme; a regex rule opts in with
//! `checksum: <name>` and the check runs on its `secret` capture. This module
//! only verifies strings: it never matches files or builds findings.

use std::fmt;

/// A checksum scheme a credential format carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checksum {
    /// `prefix_` + body + 6 base62 digits of the CRC-32 of the body (GitHub's
    /// `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` tokens and npm's `npm_` tokens).
    Base62Crc32,
    /// `glXX_` + secret + `_` + 8 hex digits: the CRC-32 of everything before
    /// the last `_`, as little-endian bytes (Grafana service account tokens).
    GrafanaCrc32,
    /// A bech32 string (human-readable part, `1`, data, 6-character checksum),
    /// as in age secret keys (`AGE-SECRET-KEY-1…`).
    Bech32,
}

/// The names a rule pack may write after `checksum:`.
pub const CHECKSUM_NAMES: [&str; 3] = ["base62-crc32", "grafana-crc32", "bech32"];

impl Checksum {
    /// The scheme called `name` in a rule pack.
    pub fn from_name(name: &str) -> Option<Checksum> {
        match name {
            "base62-crc32" => Some(Checksum::Base62Crc32),
            "grafana-crc32" => Some(Checksum::GrafanaCrc32),
            "bech32" => Some(Checksum::Bech32),
            _ => None,
        }
    }

    /// Whether `token` carries a valid checksum of this scheme.
    pub fn verify(self, token: &str) -> bool {
        match self {
            Checksum::Base62Crc32 => verify_base62_crc32(token),
            Checksum::GrafanaCrc32 => verify_grafana_crc32(token),
            Checksum::Bech32 => verify_bech32(token),
        }
    }
}

impl fmt::Display for Checksum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Checksum::Base62Crc32 => "base62-crc32",
            Checksum::GrafanaCrc32 => "grafana-crc32",
            Checksum::Bech32 => "bech32",
        })
    }
}

/// CRC-32 as zlib, PNG and Go's `crc32.ChecksumIEEE` compute it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `n` in base 62 (digits, upper case, lower case), left-padded with `0` to `width`.
pub fn base62(mut n: u32, width: usize) -> String {
    let mut digits = Vec::new();
    while n > 0 {
        digits.push(BASE62[(n % 62) as usize]);
        n /= 62;
    }
    while digits.len() < width {
        digits.push(b'0');
    }
    digits.reverse();
    String::from_utf8(digits).expect("base62 digits are ASCII")
}

fn verify_base62_crc32(token: &str) -> bool {
    let Some((_, rest)) = token.split_once('_') else {
        return false;
    };
    if rest.len() <= 6 || !rest.is_ascii() {
        return false;
    }
    let (body, check) = rest.split_at(rest.len() - 6);
    base62(crc32(body.as_bytes()), 6) == check
}

fn verify_grafana_crc32(token: &str) -> bool {
    let Some((keyed, check)) = token.rsplit_once('_') else {
        return false;
    };
    let expected: String = crc32(keyed.as_bytes())
        .to_le_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    expected == check
}

const BECH32_ALPHABET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn bech32_polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GENERATOR: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk = 1u32;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GENERATOR.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn verify_bech32(token: &str) -> bool {
    // bech32 is case-insensitive but never mixed-case.
    if token.chars().any(|c| c.is_ascii_lowercase())
        && token.chars().any(|c| c.is_ascii_uppercase())
    {
        return false;
    }
    let lower = token.to_ascii_lowercase();
    let Some((hrp, data)) = lower.rsplit_once('1') else {
        return false;
    };
    if hrp.is_empty() || data.len() < 6 || !hrp.bytes().all(|b| (33..=126).contains(&b)) {
        return false;
    }
    let Some(values) = data
        .bytes()
        .map(|c| {
            BECH32_ALPHABET
                .iter()
                .position(|&a| a == c)
                .map(|p| p as u8)
        })
        .collect::<Option<Vec<u8>>>()
    else {
        return false;
    };
    let expanded = hrp
        .bytes()
        .map(|b| b >> 5)
        .chain(std::iter::once(0))
        .chain(hrp.bytes().map(|b| b & 31))
        .chain(values);
    bech32_polymod(expanded) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_base62_crc32(prefix: &str, body: &str) -> String {
        format!("{prefix}{body}{}", base62(crc32(body.as_bytes()), 6))
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        // The catalogue check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn base62_pads_and_orders_digits() {
        assert_eq!(base62(0, 6), "000000");
        assert_eq!(base62(61, 2), "0z");
        assert_eq!(base62(62, 1), "10");
        assert_eq!(base62(u32::MAX, 6), "4gfFC3");
    }

    #[test]
    fn base62_crc32_accepts_generated_tokens_and_rejects_edits() {
        let token = with_base62_crc32("ghp_", "Q9vTzL2mR8kXw4NcB7yHd1PfJ6sAe3");
        assert_eq!(token.len(), 40);
        assert!(Checksum::Base62Crc32.verify(&token));
        let npm = with_base62_crc32("npm_", "k2Rf8ZqW1xLm5TbN9cVh4YdG7pJs0A");
        assert!(Checksum::Base62Crc32.verify(&npm));
        // One character of the body changed: the checksum no longer holds.
        let edited = token.replacen("Q9v", "Q9w", 1);
        assert!(!Checksum::Base62Crc32.verify(&edited));
        assert!(!Checksum::Base62Crc32.verify("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        assert!(!Checksum::Base62Crc32.verify("no-underscore"));
        assert!(!Checksum::Base62Crc32.verify("ghp_short"));
    }

    #[test]
    fn grafana_crc32_covers_prefix_and_secret() {
        let keyed = "glsa_Xk2pR7vN4qT9wB1mZ8cL5hJ3fD6sY0aG";
        let sum: String = crc32(keyed.as_bytes())
            .to_le_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let token = format!("{keyed}_{sum}");
        assert!(Checksum::GrafanaCrc32.verify(&token));
        assert!(!Checksum::GrafanaCrc32.verify(&format!("{keyed}_00000000")));
        assert!(!Checksum::GrafanaCrc32.verify("glsa_nochecksum"));
    }

    #[test]
    fn bech32_checks_the_data_part() {
        // The valid test vectors of BIP-173.
        assert!(Checksum::Bech32.verify("A12UEL5L"));
        assert!(Checksum::Bech32.verify("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"));
        assert!(!Checksum::Bech32.verify("A12UEL5M"));
        assert!(!Checksum::Bech32.verify("a12UEL5L"), "mixed case");
        assert!(!Checksum::Bech32.verify("nodelimiter"));
        assert!(
            !Checksum::Bech32.verify("abc1b0000000"),
            "b is not a bech32 digit"
        );
    }

    #[test]
    fn names_round_trip() {
        for name in CHECKSUM_NAMES {
            let c = Checksum::from_name(name).expect("every listed name parses");
            assert_eq!(c.to_string(), name);
        }
        assert_eq!(Checksum::from_name("luhn"), None);
    }
}
