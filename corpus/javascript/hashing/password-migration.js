'use strict';

// Batch job that re-hashes the accounts imported from the old shop, and the
// helpers the support tool uses to check a customer's password by hand.
const crypto = require('crypto');
const fs = require('fs');
const bcrypt = require('bcrypt');
const bcryptjs = require('bcryptjs');
const sha1 = require('sha1');
const { BCRYPT_ROUNDS } = require('./constants');
const db = require('../db');

function rehashImported(account, password) {
  // expect: hashing/bcrypt-low-cost
  account.passwordHash = bcrypt.hashSync(password, 9);
  // expect: hashing/bcrypt-below-policy
  account.fallbackHash = bcryptjs.hashSync(password, 11);
  // ok: hashing/bcrypt-low-cost, hashing/bcrypt-below-policy
  account.currentHash = bcrypt.hashSync(password, BCRYPT_ROUNDS);
  return account;
}

async function saltForImport() {
  // expect: hashing/bcrypt-low-cost
  return bcryptjs.genSalt(8);
}

function saltForBatch() {
  // expect: hashing/bcrypt-below-policy
  return bcryptjs.genSaltSync(10);
}

function supportCheck(account, password) {
  // compare reads the cost from the stored hash
  // ok: hashing/bcrypt-low-cost, hashing/bcrypt-below-policy
  return bcrypt.compareSync(password, account.passwordHash);
}

function oldShopDigest(user) {
  // expect: hashing/fast-hash-on-password
  const viaCrypto = crypto.createHash('sha256').update(user.password).digest('hex');
  // expect: hashing/fast-hash-on-password
  const viaPackage = sha1(user.password);
  return { viaCrypto, viaPackage };
}

function exportIntegrity(path) {
  // ok: hashing/fast-hash-on-password
  return crypto.createHash('sha256').update(fs.readFileSync(path)).digest('base64');
}

function deriveVaultKey(password, salt, done) {
  // Below the sha256 minimum, although it would pass for sha512.
  // expect: hashing/pbkdf2-low-iterations
  crypto.pbkdf2(password, salt, 250000, 32, 'sha256', done);
}

function deriveArchiveKey(password, salt, done) {
  // The same count is enough for sha512.
  // ok: hashing/pbkdf2-low-iterations
  crypto.pbkdf2(password, salt, 250000, 64, 'sha512', done);
}

function deriveLegacyKey(password, salt) {
  // Above the sha256 minimum, below the sha1 one.
  // expect: hashing/pbkdf2-low-iterations
  return crypto.pbkdf2Sync(password, salt, 700000, 20, 'sha1');
}

async function run() {
  const rows = await db.query('SELECT id, legacy_password FROM import_accounts');
  for (const row of rows) {
    await db.update('accounts', row.id, rehashImported({ id: row.id }, row.legacy_password));
  }
}

module.exports = {
  rehashImported,
  saltForImport,
  saltForBatch,
  supportCheck,
  oldShopDigest,
  exportIntegrity,
  deriveVaultKey,
  deriveArchiveKey,
  deriveLegacyKey,
  run,
};
