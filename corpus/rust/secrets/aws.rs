//! Temporary credentials for the export job.

use aws_credential_types::Credentials;

// expect: secrets/aws-access-key-id
const EXPORT_KEY_ID: &str = "ASIAZDQTTIDVZ7ORA35T";

pub fn export_credentials(secret: String, session_token: String) -> Credentials {
    Credentials::new(EXPORT_KEY_ID, secret, Some(session_token), None, "export-job")
}

pub fn from_environment() -> Option<String> {
    // ok: secrets/aws-access-key-id
    std::env::var("AWS_ACCESS_KEY_ID").ok()
}
