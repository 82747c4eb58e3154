import axios, { AxiosInstance } from 'axios';
import https from 'node:https';
import got from 'got';
import { createClient } from 'redis';

export function partnerClient(): AxiosInstance {
  return axios.create({
    // expect: transport/plain-http-url
    baseURL: 'http://api.partner-shipping.io/v1',
    httpsAgent: new https.Agent({
      // expect: transport/tls-verification-disabled
      rejectUnauthorized: false,
    }),
  });
}

export function internalClient(): AxiosInstance {
  // ok: transport/plain-http-url
  return axios.create({ baseURL: 'http://inventory.internal:8080' });
}

export async function fetchLabels(orderId: string): Promise<Buffer> {
  // expect: transport/plain-http-url
  const res = await got.post('http://labels.partner-shipping.io/render', { json: { orderId } });
  // ok: transport/plain-http-url
  await got.post('http://127.0.0.1:9000/audit', { json: { orderId } });
  return res.rawBody;
}

export async function cacheClient() {
  const client = createClient({
    url: process.env.REDIS_URL,
    socket: {
      tls: true,
      // expect: transport/tls-verification-disabled
      rejectUnauthorized: false,
    },
  });
  await client.connect();
  return client;
}

export async function gotStrict(url: string) {
  // ok: transport/tls-verification-disabled
  return got(url, { https: { rejectUnauthorized: true, minVersion: 'TLSv1.2' } });
}

export async function gotSelfSigned(url: string) {
  // expect: transport/tls-verification-disabled
  return got(url, { https: { rejectUnauthorized: false } });
}

export async function gotLegacy(url: string) {
  // expect: transport/tls-version-below-policy
  return got(url, { https: { minVersion: 'TLSv1.1' } });
}
