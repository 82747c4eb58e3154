// Account recovery. Its own paths carry no words: app.js mounts it at
// /password-reset, with no limiter, and that prefix is what makes both
// endpoints authentication endpoints open to guessing.
const express = require('express');
const accounts = require('../services/accounts');

const router = express.Router();

// expect: rate-limiting/auth-route-without-limiter
router.post('/', async (req, res) => {
  await accounts.startRecovery(req.body.email);
  res.status(202).end();
});

// expect: rate-limiting/auth-route-without-limiter
router.post('/:nonce', async (req, res) => {
  const done = await accounts.finishRecovery(req.params.nonce, req.body.newSecret);
  res.status(done ? 204 : 410).end();
});

module.exports = router;
