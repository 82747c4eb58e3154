//! TLS for the outbound mail relay, the partner gateway and the bounce
//! webhook poller.

use native_tls::{Protocol, TlsConnector};
use openssl::ssl::{SslConnector, SslMethod, SslVersion};
use reqwest::blocking::Client;
use rustls::version::{TLS12, TLS13};
use rustls::{ClientConfig, RootCertStore};

pub fn relay_connector(accept_self_signed: bool) -> native_tls::Result<TlsConnector> {
    let mut builder = TlsConnector::builder();
    // expect: transport/tls-verification-disabled
    builder.danger_accept_invalid_certs(true);
    // ok: transport/tls-verification-disabled
    builder.danger_accept_invalid_hostnames(accept_self_signed);
    // expect: transport/tls-version-below-policy
    builder.min_protocol_version(Some(Protocol::Tlsv11));
    builder.build()
}

pub fn archive_connector() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut builder = SslConnector::builder(SslMethod::tls_client())?;
    // expect: transport/tls-version-below-policy
    builder.set_min_proto_version(Some(SslVersion::TLS1))?;
    Ok(builder.build())
}

pub fn gateway_config(roots: RootCertStore) -> ClientConfig {
    // rustls speaks nothing older than TLS 1.2, so a version list cannot go below policy.
    // ok: transport/tls-version-below-policy, transport/tls-verification-disabled
    ClientConfig::builder_with_protocol_versions(&[&TLS12, &TLS13])
        .with_root_certificates(roots)
        .with_no_client_auth()
}

pub fn poll_bounces() -> reqwest::Result<String> {
    // expect: transport/plain-http-url
    let bounces = reqwest::blocking::get("http://bounces.mail-partner.net/v1/recent")?.text()?;
    let client = Client::new();
    // ok: transport/plain-http-url
    let exporter = client.post("http://[::1]:9464/v1/metrics").body(bounces.clone()).send()?;
    // ok: transport/plain-http-url
    let printer = client.get("http://mailroom.local/queue").send()?.text()?;
    // ok: transport/plain-http-url
    let agent = client.get("http://127.0.0.1:8126/info").send()?.status();
    // ok: transport/plain-http-url
    let own = client.get("http://0.0.0.0:9100/metrics").send()?.status();
    // ok: transport/plain-http-url
    let quota = client.get("http://quota.mail.svc.cluster.local/v1/remaining").send()?.text()?;
    // ok: transport/plain-http-url
    let dns = client.get("http://resolver.mail.internal/v1/mx").send()?.text()?;
    // Envelope format: http://docs.mail-partner.net/soap (the endpoint is https).
    // ok: transport/plain-http-url
    let receipt = client
        .post("https://receipts.mail-partner.net/Receipt.svc")
        .header("SOAPAction", "http://tempuri.org/IReceipt/Confirm")
        .header("Content-Type", r#"application/schema+json; schema="http://json-schema.org/draft-07/schema#""#)
        .send()?
        .status();
    Ok(format!("{bounces}{}{printer}{agent}{own}{quota}{dns}{receipt}", exporter.status()))
}
