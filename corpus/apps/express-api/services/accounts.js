// Account storage and password checks.
const bcrypt = require('bcrypt');
const config = require('config');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const COST = config.get('passwords.bcryptCost');

async function verifyCredentials(email, password) {
  const { rows } = await pool.query('SELECT id, password_hash FROM users WHERE email = $1', [email]);
  if (rows.length === 0) return null;
  const ok = await bcrypt.compare(password, rows[0].password_hash);
  return ok ? { id: rows[0].id } : null;
}

async function createAccount(email, password) {
  const hash = await bcrypt.hash(password, COST);
  const { rows } = await pool.query(
    'INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id',
    [email, hash],
  );
  return { id: rows[0].id };
}

async function changePassword(userId, password) {
  const hash = await bcrypt.hash(password, COST);
  await pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, userId]);
}

async function findAccount(userId) {
  const { rows } = await pool.query('SELECT id, created_at FROM users WHERE id = $1', [userId]);
  return rows[0] || null;
}

module.exports = { verifyCredentials, createAccount, changePassword, findAccount };
