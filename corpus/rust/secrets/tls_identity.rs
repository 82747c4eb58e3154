//! mTLS identity for the internal event bus.

use rustls::pki_types::PrivateKeyDer;

// expect: secrets/private-key
const CLIENT_KEY_PEM: &str = "-----BEGIN EC PRIVATE KEY-----
whVN1ZLpI4LeTLRbzCvsBAsITJt9YMHzdxqQAAs02usLdG4HY8ntPiF7CmXy0l7l
UsKEQjHUXYYY/JIq7BlaXosFzCqNPq+V4EioY9XtnkylD/PwAzLgFry4PAflcbqT
-----END EC PRIVATE KEY-----";

pub fn client_key() -> Option<PrivateKeyDer<'static>> {
    rustls_pemfile::private_key(&mut CLIENT_KEY_PEM.as_bytes()).ok().flatten()
}

pub fn key_from_disk(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    // ok: secrets/private-key
    let header = "-----BEGIN PRIVATE KEY-----";
    let pem = std::fs::read(path)?;
    assert!(pem.starts_with(header.as_bytes()));
    Ok(pem)
}
