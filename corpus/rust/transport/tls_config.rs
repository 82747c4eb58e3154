//! TLS settings for the ledger connector and the partner HTTP clients.

use std::sync::Arc;

use native_tls::{Protocol, TlsConnector};
use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode, SslVersion};
use reqwest::Client;
use rustls::ClientConfig;

use crate::verifier::AcceptAnyServerCert;

pub fn insecure_rustls() -> ClientConfig {
    ClientConfig::builder()
        .dangerous()
        // expect: transport/tls-verification-disabled
        .with_custom_certificate_verifier(Arc::new(AcceptAnyServerCert))
        .with_no_client_auth()
}

pub fn platform_rustls(roots: rustls::RootCertStore) -> ClientConfig {
    ClientConfig::builder()
        // ok: transport/tls-verification-disabled
        .with_root_certificates(roots)
        .with_no_client_auth()
}

pub fn relax_existing(config: &mut ClientConfig) {
    // expect: transport/tls-verification-disabled
    config.dangerous().set_certificate_verifier(Arc::new(AcceptAnyServerCert));
}

pub fn native_connector() -> native_tls::Result<TlsConnector> {
    TlsConnector::builder()
        // expect: transport/tls-verification-disabled
        .danger_accept_invalid_hostnames(true)
        // expect: transport/tls-version-below-policy
        .min_protocol_version(Some(Protocol::Tlsv10))
        .build()
}

pub fn modern_native_connector() -> native_tls::Result<TlsConnector> {
    TlsConnector::builder()
        // ok: transport/tls-version-below-policy
        .min_protocol_version(Some(Protocol::Tlsv12))
        // ok: transport/tls-verification-disabled
        .danger_accept_invalid_certs(false)
        .build()
}

pub fn openssl_connector() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut builder = SslConnector::builder(SslMethod::tls())?;
    // expect: transport/tls-verification-disabled
    builder.set_verify(SslVerifyMode::NONE);
    // expect: transport/tls-version-below-policy
    builder.set_min_proto_version(Some(SslVersion::TLS1_1))?;
    Ok(builder.build())
}

pub fn strict_openssl_connector() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut builder = SslConnector::builder(SslMethod::tls())?;
    // ok: transport/tls-verification-disabled
    builder.set_verify(SslVerifyMode::PEER);
    // ok: transport/tls-version-below-policy
    builder.set_min_proto_version(Some(SslVersion::TLS1_2))?;
    Ok(builder.build())
}

pub async fn fetch_rates(client: &Client) -> reqwest::Result<String> {
    // expect: transport/plain-http-url
    let legacy = reqwest::get("http://rates.fx-partner.com/latest").await?.text().await?;
    // expect: transport/plain-http-url
    let mirror = client.get("http://mirror.fx-partner.com/latest").send().await?.text().await?;
    // ok: transport/plain-http-url
    let local = client.get("http://localhost:8081/rates").send().await?.text().await?;
    // ok: transport/plain-http-url
    let sidecar = client.get("http://envoy:9901/ready").send().await?.text().await?;
    Ok(format!("{legacy}{mirror}{local}{sidecar}"))
}
