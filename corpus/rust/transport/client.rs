//! HTTP clients for the payment and ledger integrations.

use std::time::Duration;

use reqwest::{Certificate, Client};

pub fn payments_client(timeout: Duration) -> reqwest::Result<Client> {
    reqwest::Client::builder()
        .timeout(timeout)
        // expect: transport/tls-verification-disabled
        .danger_accept_invalid_certs(true)
        .build()
}

pub fn ledger_client(ca_pem: &[u8]) -> reqwest::Result<Client> {
    let ca = Certificate::from_pem(ca_pem)?;
    Client::builder()
        .add_root_certificate(ca)
        // ok: transport/tls-verification-disabled
        .danger_accept_invalid_certs(false)
        .build()
}

pub fn staging_client(accept_invalid: bool) -> reqwest::Result<Client> {
    Client::builder()
        // ok: transport/tls-verification-disabled
        .danger_accept_invalid_certs(accept_invalid)
        // expect: transport/tls-verification-disabled
        .danger_accept_invalid_hostnames(true)
        .build()
}
