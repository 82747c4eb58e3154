'use strict';

// Outbound integrations of the billing worker.
const https = require('https');
const tls = require('tls');
const axios = require('axios');
const got = require('got');
const request = require('request');
const { Pool } = require('pg');
const mongoose = require('mongoose');

const billing = axios.create({
  // expect: transport/plain-http-url
  baseURL: 'http://billing.acme-payments.com/v2',
  timeout: 5000,
});

// ok: transport/plain-http-url
const metrics = axios.create({ baseURL: 'http://metrics.monitoring.svc.cluster.local:9091' });

async function syncInvoices() {
  // expect: transport/plain-http-url
  const { data } = await axios.get('http://erp.partner-ledger.net/api/invoices');
  // expect: transport/plain-http-url
  const rates = await fetch('http://203.0.113.40/rates.json');
  // ok: transport/plain-http-url
  const health = await fetch('http://localhost:4000/health');
  // ok: transport/plain-http-url
  const cache = await got('http://redis-proxy:8080/stats');
  // ok: transport/plain-http-url
  const secure = await got.get('https://erp.partner-ledger.net/api/status');
  return { data, rates, health, cache, secure };
}

function legacySoapCall(body) {
  return new Promise((resolve, reject) => {
    request.post(
      {
        url: 'https://soap.partner-ledger.net/Service.asmx',
        body,
        // expect: transport/tls-verification-disabled
        strictSSL: false,
        headers: { 'Content-Type': 'text/xml', SOAPAction: 'http://tempuri.org/Sync' },
      },
      (err, res) => (err ? reject(err) : resolve(res))
    );
  });
}

function ledgerSocket(host) {
  return tls.connect({
    host,
    port: 7443,
    // expect: transport/tls-verification-disabled
    checkServerIdentity: () => undefined,
    // expect: transport/tls-version-below-policy
    minVersion: 'TLSv1',
  });
}

function pinnedSocket(host, fingerprint) {
  return tls.connect({
    host,
    port: 7443,
    // ok: transport/tls-verification-disabled
    checkServerIdentity: (name, cert) => (cert.fingerprint256 === fingerprint ? undefined : new Error('pin mismatch')),
    // ok: transport/tls-version-below-policy
    minVersion: 'TLSv1.2',
  });
}

const legacyAgent = new https.Agent({
  // expect: transport/tls-version-below-policy
  secureProtocol: 'TLSv1_method',
  keepAlive: true,
});

// ok: transport/tls-version-below-policy
const modernAgent = new https.Agent({ minVersion: 'TLSv1.3', keepAlive: true });

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // expect: transport/tls-verification-disabled
  ssl: { rejectUnauthorized: false },
});

async function connectMongo() {
  await mongoose.connect(process.env.MONGO_URL, {
    tls: true,
    // ok: transport/tls-verification-disabled
    tlsAllowInvalidCertificates: process.env.MONGO_INSECURE === 'yes',
  });
}

// ok: transport/tls-verification-disabled
const strictClient = request.defaults({ strictSSL: true });

module.exports = { billing, metrics, syncInvoices, legacySoapCall, ledgerSocket, pinnedSocket, legacyAgent, modernAgent, pool, connectMongo, strictClient };
