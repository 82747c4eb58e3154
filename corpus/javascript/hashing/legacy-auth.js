'use strict';

// Account service of the legacy PHP-era user table, being migrated to argon2id.
const crypto = require('crypto');
const fs = require('fs/promises');
const md5 = require('md5');
const argon2 = require('argon2');
const config = require('../config');

const ITERATIONS = config.auth.pbkdf2Iterations;

function legacyPasswordHash(password, salt) {
  // expect: hashing/fast-hash-on-password
  return crypto.createHash('md5').update(salt).update(password).digest('hex');
}

function legacyCheck(req, user) {
  // expect: hashing/fast-hash-on-password
  const candidate = md5(req.body.password);
  return candidate === user.passwordMd5;
}

function apiKeyFingerprint(user) {
  // expect: hashing/fast-hash-on-password
  return crypto.createHash('sha1').update(user.password, 'utf8').digest('base64');
}

async function fileChecksum(path) {
  const buffer = await fs.readFile(path);
  // ok: hashing/fast-hash-on-password
  return crypto.createHash('md5').update(buffer).digest('hex');
}

function etagFor(body) {
  // ok: hashing/fast-hash-on-password
  return `"${crypto.createHash('sha1').update(JSON.stringify(body)).digest('base64')}"`;
}

function cacheKey(req) {
  // ok: hashing/fast-hash-on-password
  return md5(`${req.method}:${req.originalUrl}`);
}

async function deriveKey(password, salt) {
  // expect: hashing/pbkdf2-low-iterations
  const weak = crypto.pbkdf2Sync(password, salt, 1000, 64, 'sha512');
  // expect: hashing/pbkdf2-low-iterations
  const older = crypto.pbkdf2Sync(password, salt, 100000, 32, 'sha256');
  // ok: hashing/pbkdf2-low-iterations
  const strong = crypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256');
  // ok: hashing/pbkdf2-low-iterations
  const configured = crypto.pbkdf2Sync(password, salt, ITERATIONS, 64, 'sha512');
  return { weak, older, strong, configured };
}

async function hashNewPassword(password) {
  // expect: hashing/argon2-low-cost
  const quick = await argon2.hash(password, { timeCost: 1 });
  // expect: hashing/argon2-low-cost
  const small = await argon2.hash(password, { memoryCost: 4096, timeCost: 3 });
  // ok: hashing/argon2-low-cost
  const standard = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2 });
  // ok: hashing/argon2-low-cost
  const fromConfig = await argon2.hash(password, config.auth.argon2);
  return { quick, small, standard, fromConfig };
}

async function hashWithVariant(password) {
  // expect: hashing/argon2-not-argon2id
  const i = await argon2.hash(password, { type: argon2.argon2i, memoryCost: 65536, timeCost: 3 });
  // expect: hashing/argon2-not-argon2id
  const d = await argon2.hash(password, { type: argon2.argon2d, memoryCost: 65536, timeCost: 3 });
  // ok: hashing/argon2-not-argon2id
  const id = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 65536, timeCost: 3 });
  // ok: hashing/argon2-not-argon2id
  const dflt = await argon2.hash(password);
  return [i, d, id, dflt];
}

function scryptHash(password, salt) {
  // expect: hashing/scrypt-low-cost
  const weak = crypto.scryptSync(password, salt, 64, { N: 1024 });
  // expect: hashing/scrypt-low-cost
  crypto.scrypt(password, salt, 64, { cost: 16384, blockSize: 8 }, () => {});
  // ok: hashing/scrypt-low-cost
  const strong = crypto.scryptSync(password, salt, 64, { N: 2 ** 17, maxmem: 256 * 1024 * 1024 });
  // ok: hashing/scrypt-low-cost
  const tuned = crypto.scryptSync(password, salt, 64, config.auth.scrypt);
  return { weak, strong, tuned };
}

module.exports = {
  legacyPasswordHash,
  legacyCheck,
  apiKeyFingerprint,
  fileChecksum,
  etagFor,
  cacheKey,
  deriveKey,
  hashNewPassword,
  hashWithVariant,
  scryptHash,
};
