// Connector between the reconciliation service and the bank's ledger, plus
// the stores it writes to.
import tls, { TLSSocket } from 'node:tls';
import https from 'node:https';
import fetch from 'node-fetch';
import request from 'request';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import { MongoClient } from 'mongodb';

if (process.env.LEDGER_ENV === 'sandbox') {
  // expect: transport/tls-verification-disabled
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
} else {
  // ok: transport/tls-verification-disabled
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
}

export function ledgerSocket(host: string): TLSSocket {
  return tls.connect({
    host,
    port: 7443,
    // expect: transport/tls-verification-disabled
    rejectUnauthorized: false,
    // expect: transport/tls-verification-disabled
    checkServerIdentity: () => undefined,
    // expect: transport/tls-version-below-policy
    secureProtocol: 'TLSv1_method',
  });
}

export function pinnedLedgerSocket(host: string, ca: Buffer, pin: string): TLSSocket {
  return tls.connect({
    host,
    port: 7443,
    ca,
    // ok: transport/tls-verification-disabled
    checkServerIdentity: (name, cert) => (cert.fingerprint256 === pin ? undefined : new Error(`unexpected certificate for ${name}`)),
    // ok: transport/tls-version-below-policy
    minVersion: 'TLSv1.2',
  });
}

export const legacyLedgerContext = tls.createSecureContext({
  // expect: transport/tls-version-below-policy
  minVersion: 'TLSv1',
});

export const ledgerContext = tls.createSecureContext({
  // The generic method negotiates the highest version both sides speak.
  // ok: transport/tls-version-below-policy
  secureProtocol: 'TLS_method',
  // ok: transport/tls-version-below-policy
  minVersion: 'TLSv1.3',
});

export async function statements(accountId: string): Promise<unknown> {
  const res = await fetch(`https://api.ledger-bank.com/v1/accounts/${accountId}/statements`, {
    // expect: transport/tls-verification-disabled
    agent: new https.Agent({ rejectUnauthorized: false }),
  });
  return res.json();
}

export async function pinnedStatements(accountId: string, ca: Buffer): Promise<unknown> {
  const res = await fetch(`https://api.ledger-bank.com/v1/accounts/${accountId}/statements`, {
    // ok: transport/tls-verification-disabled
    agent: new https.Agent({ ca, rejectUnauthorized: true }),
  });
  return res.json();
}

export async function rates(): Promise<unknown> {
  // expect: transport/plain-http-url
  const res = await fetch('http://rates.ledger-bank.com/fx/latest');
  // ok: transport/plain-http-url
  const sidecar = await fetch('http://0.0.0.0:15020/healthz/ready');
  // ok: transport/plain-http-url
  const mdns = await fetch('http://vault.local:8200/v1/sys/health');
  // ok: transport/plain-http-url
  const proxy = await fetch('http://localhost:4140/ready');
  // ok: transport/plain-http-url
  const limits = await fetch('http://limits.ledger.svc.cluster.local:8080/v1/limits');
  // Rate sheet format: http://docs.ledger-bank.com/fx/format (the API itself is https).
  // ok: transport/plain-http-url
  const sheet = await fetch('https://api.ledger-bank.com/fx/sheet', { headers: { Accept: 'application/schema-instance+json; schema="http://json-schema.org/draft-07/schema#"' } });
  return { rates: await res.json(), ready: sidecar.ok, vault: mdns.ok, proxy: proxy.ok, limits: limits.ok, sheet: sheet.ok };
}

export function legacyTransfer(body: string): void {
  request.post(
    {
      // expect: transport/plain-http-url
      url: 'http://transfers.ledger-bank.com/soap',
      body,
      // expect: transport/tls-verification-disabled
      strictSSL: false,
    },
    () => undefined,
  );
  // ok: transport/plain-http-url
  request.post('http://[::1]:8125/metrics', () => undefined);
  // ok: transport/tls-verification-disabled
  request.post({ url: 'https://transfers.ledger-bank.com/soap', body, strictSSL: true }, () => undefined);
  // ok: transport/plain-http-url
  request.post({ url: 'https://transfers.ledger-bank.com/soap', body: `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">${body}</soap:Envelope>` }, () => undefined);
}

export const journal = new Pool({
  connectionString: process.env.JOURNAL_DATABASE_URL,
  // expect: transport/tls-verification-disabled
  ssl: { rejectUnauthorized: false },
});

export const verifiedJournal = new Pool({
  connectionString: process.env.JOURNAL_DATABASE_URL,
  // ok: transport/tls-verification-disabled
  ssl: { ca: process.env.JOURNAL_CA, rejectUnauthorized: true },
});

export const archive = mysql.createPool({
  uri: process.env.ARCHIVE_MYSQL_URL,
  // expect: transport/tls-verification-disabled
  ssl: { rejectUnauthorized: false },
});

export const strictArchive = mysql.createPool({
  uri: process.env.ARCHIVE_MYSQL_URL,
  // ok: transport/tls-verification-disabled
  ssl: { rejectUnauthorized: true, ca: process.env.ARCHIVE_CA },
});

// expect: transport/tls-verification-disabled
export const events = new MongoClient(process.env.EVENTS_MONGO_URL as string, { tls: true, tlsInsecure: true });

// ok: transport/tls-verification-disabled
export const eventsReplica = new MongoClient(process.env.EVENTS_MONGO_URL as string, { tls: true, tlsInsecure: process.env.MONGO_TLS_INSECURE === 'yes' });
