// Account routes. This package applies no limiter of its own: the gateway
// mounts these routers and decides which of them are limited.
const express = require('express');
const accounts = require('./store');

const signIn = express.Router();
const recovery = express.Router();

// ok: rate-limiting/auth-route-without-limiter
signIn.post('/login', async (req, res) => {
  const account = await accounts.verify(req.body.email, req.body.password);
  if (!account) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  return res.json({ id: account.id });
});

// expect: rate-limiting/auth-route-without-limiter
recovery.post('/password/forgot', async (req, res) => {
  await accounts.sendResetLink(req.body.email);
  res.status(202).end();
});

module.exports = { signIn, recovery };
