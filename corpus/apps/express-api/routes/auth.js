// Sign-in and registration. The login limiter is applied where this router
// is mounted, in app.js.
const express = require('express');
const { body, validationResult } = require('express-validator');
const accounts = require('../services/accounts');

const router = express.Router();

function rejectInvalid(req, res, next) {
  const errors = validationResult(req);
  if (!errors.isEmpty()) {
    return res.status(422).json({ errors: errors.array() });
  }
  return next();
}

// ok: rate-limiting/auth-route-without-limiter
router.post('/login', body('email').isEmail(), rejectInvalid, async (req, res) => {
  const account = await accounts.verifyCredentials(req.body.email, req.body.password);
  if (!account) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  return res.json({ id: account.id });
});

// ok: rate-limiting/auth-route-without-limiter
router.post('/register', body('email').isEmail(), body('password').isLength({ min: 12 }), rejectInvalid, async (req, res) => {
  const account = await accounts.createAccount(req.body.email, req.body.password);
  res.status(201).json({ id: account.id });
});

module.exports = router;
