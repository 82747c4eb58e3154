const https = require('https');
const tls = require('tls');
const axios = require('axios');

if (process.env.ALLOW_SELF_SIGNED) {
  // expect: transport/tls-verification-disabled
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
}

// expect: transport/tls-verification-disabled
const insecureAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });

// ok: transport/tls-verification-disabled
const strictAgent = new https.Agent({ rejectUnauthorized: true, keepAlive: true });

const partnerApi = axios.create({
  baseURL: 'https://partner.example.com/api',
  httpsAgent: new https.Agent({
    // expect: transport/tls-verification-disabled
    'rejectUnauthorized': false,
  }),
});

function connectLedger(host, port) {
  return tls.connect({
    host,
    port,
    // Decided at run time: syntax cannot say it is off.
    // ok: transport/tls-verification-disabled
    rejectUnauthorized: process.env.NODE_ENV === 'production',
  });
}

// ok: transport/tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';

module.exports = { insecureAgent, strictAgent, partnerApi, connectLedger };
