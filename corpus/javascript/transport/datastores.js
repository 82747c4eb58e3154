'use strict';

// Connections of the order worker: databases, cache, ledger socket and the
// partner APIs it polls.
const tls = require('tls');
const https = require('https');
const fetch = require('node-fetch');
const got = require('got');
const axios = require('axios');
const request = require('request');
const mysql = require('mysql2/promise');
const Redis = require('ioredis');
const mongoose = require('mongoose');

if (process.env.LEDGER_SELF_SIGNED === 'yes') {
  // expect: transport/tls-verification-disabled
  process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';
}

function ledgerSocket(host) {
  // expect: transport/tls-verification-disabled
  return tls.connect({ host, port: 7443, servername: host, rejectUnauthorized: false });
}

function pinnedLedgerSocket(host, ca) {
  // ok: transport/tls-verification-disabled
  return tls.connect({ host, port: 7443, servername: host, ca, rejectUnauthorized: true });
}

async function pollCarrier() {
  const res = await fetch('https://api.carrier-hub.com/v2/shipments', {
    // expect: transport/tls-verification-disabled
    agent: new https.Agent({ rejectUnauthorized: false }),
  });
  return res.json();
}

async function pollWarehouse() {
  return got('https://wms.acme-logistics.com/api/stock', {
    // expect: transport/tls-verification-disabled
    https: { rejectUnauthorized: false },
  }).json();
}

async function pollWarehouseVerified(ca) {
  return got('https://wms.acme-logistics.com/api/stock', {
    // ok: transport/tls-verification-disabled
    https: { certificateAuthority: ca, rejectUnauthorized: true },
  }).json();
}

const orders = mysql.createPool({
  host: process.env.MYSQL_HOST,
  user: process.env.MYSQL_USER,
  database: 'orders',
  // expect: transport/tls-verification-disabled
  ssl: { rejectUnauthorized: false },
});

const reports = mysql.createPool({
  host: process.env.MYSQL_REPORTS_HOST,
  database: 'reports',
  // ok: transport/tls-verification-disabled
  ssl: { ca: process.env.MYSQL_CA, rejectUnauthorized: true },
});

const cache = new Redis({
  host: process.env.REDIS_HOST,
  port: 6380,
  // expect: transport/tls-verification-disabled
  tls: { rejectUnauthorized: false },
});

const sessions = new Redis({
  host: process.env.REDIS_SESSIONS_HOST,
  port: 6380,
  // ok: transport/tls-verification-disabled
  tls: { ca: process.env.REDIS_CA, servername: process.env.REDIS_SESSIONS_HOST },
});

async function connectCatalog() {
  await mongoose.connect(process.env.CATALOG_MONGO_URL, {
    tls: true,
    // expect: transport/tls-verification-disabled
    tlsAllowInvalidCertificates: true,
  });
}

async function connectCatalogReplica() {
  await mongoose.connect(process.env.CATALOG_REPLICA_URL, {
    tls: true,
    // ok: transport/tls-verification-disabled
    tlsAllowInvalidCertificates: false,
    tlsCAFile: '/etc/ssl/catalog-ca.pem',
  });
}

// expect: transport/plain-http-url
const customs = got.extend({ prefixUrl: 'http://api.customs-broker.net/v1', timeout: { request: 5000 } });

// ok: transport/plain-http-url
const sidecar = got.extend({ prefixUrl: 'http://localhost:15000' });

async function partnerFeeds() {
  // expect: transport/plain-http-url
  const tariffs = await got('http://feeds.tariff-partner.com/daily.csv');
  // expect: transport/plain-http-url
  request.get('http://legacy.carrier-hub.com/track?id=42', () => {});
  // expect: transport/plain-http-url
  const quotes = await axios({ method: 'post', url: 'http://quotes.tariff-partner.com/v1/quote', data: { zone: 4 } });
  // ok: transport/plain-http-url
  const own = await fetch('http://0.0.0.0:3001/metrics');
  // ok: transport/plain-http-url
  const loopback = await got('http://[::1]:9100/metrics');
  // ok: transport/plain-http-url
  const printer = await fetch('http://label-printer.local/status');
  // ok: transport/plain-http-url
  const agent = await got('http://127.0.0.1:8126/info');
  // ok: transport/plain-http-url
  const stock = await fetch('http://stock.warehouse.internal/v1/levels');
  // The schema id is a name inside the request, not where it goes.
  // ok: transport/plain-http-url
  const validated = await fetch('https://api.carrier-hub.com/v2/validate', { method: 'POST', headers: { 'Content-Type': 'application/schema+json; schema="http://json-schema.org/draft-07/schema#"' } });
  // The carrier's docs (http://docs.carrier-hub.com/v2) describe the fields.
  // ok: transport/plain-http-url
  const docs = await fetch('https://docs.carrier-hub.com/v2/schema.json');
  return { tariffs, quotes, own, loopback, printer, agent, stock, validated, docs };
}

function shipmentXml(body) {
  // An XML namespace is a name, not a request.
  // ok: transport/plain-http-url
  return request.post({ url: 'https://soap.carrier-hub.com/Shipment.svc', body: `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">${body}</s:Envelope>` });
}

module.exports = {
  ledgerSocket,
  pinnedLedgerSocket,
  pollCarrier,
  pollWarehouse,
  pollWarehouseVerified,
  orders,
  reports,
  cache,
  sessions,
  connectCatalog,
  connectCatalogReplica,
  customs,
  sidecar,
  partnerFeeds,
  shipmentXml,
};
