'use strict';

const bcrypt = require('bcrypt');
const crypto = require('crypto');
const { User } = require('../models');
const config = require('../config');

const SALT_ROUNDS = Number(process.env.SALT_ROUNDS || 12);

async function register(req, res) {
  const { email, password } = req.body;
  if (!email || !password) {
    return res.status(400).json({ error: 'email and password are required' });
  }
  // expect: hashing/bcrypt-low-cost
  const passwordHash = await bcrypt.hash(password, 8);
  const user = await User.create({ email, passwordHash });
  return res.status(201).json({ id: user.id });
}

async function resetPassword(user, newPassword) {
  // ok: hashing/bcrypt-low-cost
  user.passwordHash = await bcrypt.hash(newPassword, 12);
  await user.save();
}

async function migrateLegacy(user, plain) {
  // ok: hashing/bcrypt-low-cost
  user.passwordHash = await bcrypt.hash(plain, SALT_ROUNDS);
  // ok: hashing/bcrypt-low-cost
  user.backupHash = bcrypt.hashSync(plain, config.auth.bcryptRounds);
  await user.save();
}

function legacyToken(seed) {
  // A token digest, not a password: different rule family, and not bcrypt.
  // ok: hashing/bcrypt-low-cost
  return crypto.createHash('sha256').update(seed, 4).digest('hex');
}

function quickSeed() {
  // expect: hashing/bcrypt-low-cost
  const salt = bcrypt.genSaltSync(6);
  return salt;
}

module.exports = { register, resetPassword, migrateLegacy, legacyToken, quickSeed };
