'use strict';

// Express auth service: issues session and refresh cookies after login.
const express = require('express');
const session = require('express-session');
const RedisStore = require('connect-redis').default;
const { redis } = require('../redis');
const { authenticate, rotateRefreshToken } = require('../auth');

const app = express();
const cookieDefaults = { httpOnly: true, secure: true, sameSite: 'lax' };

app.use(
  session({
    store: new RedisStore({ client: redis }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      // expect: cookies/secure-disabled
      secure: false,
      maxAge: 8 * 60 * 60 * 1000,
    },
  })
);

const router = express.Router();

// expect: rate-limiting/auth-route-without-limiter
router.post('/login', async (req, res) => {
  const { sessionToken, refreshToken } = await authenticate(req.body.email, req.body.password);
  // expect: cookies/secure-missing
  res.cookie('session_token', sessionToken, { httpOnly: true, sameSite: 'strict' });
  // expect: cookies/httponly-missing
  res.cookie('refresh_token', refreshToken, { secure: true, sameSite: 'strict', path: '/auth/refresh' });
  // expect: cookies/secure-missing, cookies/httponly-missing
  res.cookie('sid', req.session.id);
  // ok: cookies/secure-missing, cookies/httponly-missing, cookies/samesite-none-insecure
  res.cookie('theme', req.body.theme || 'light', { maxAge: 31536000000 });
  // ok: cookies/secure-missing, cookies/httponly-missing
  res.cookie('auth_hint', '1', { ...cookieDefaults, maxAge: 600000 });
  res.json({ ok: true });
});

// expect: rate-limiting/auth-route-without-limiter
router.post('/embed-login', async (req, res) => {
  const { sessionToken } = await authenticate(req.body.email, req.body.password);
  // expect: cookies/samesite-none-insecure, cookies/secure-missing
  res.cookie('embed_session', sessionToken, { httpOnly: true, sameSite: 'none' });
  // ok: cookies/samesite-none-insecure, cookies/secure-missing, cookies/httponly-missing
  res.cookie('widget_session', sessionToken, { httpOnly: true, sameSite: 'none', secure: true });
  res.status(204).end();
});

router.post('/refresh', async (req, res) => {
  const next = await rotateRefreshToken(req.cookies.refresh_token);
  // ok: cookies/secure-missing, cookies/httponly-missing, cookies/secure-disabled
  res.cookie('refresh_token', next, cookieDefaults);
  // ok: cookies/secure-disabled
  res.cookie('auth_token', next, { httpOnly: true, secure: process.env.NODE_ENV === 'production' });
  // A preference cookie holds nothing to protect: its flags are not a finding.
  // ok: cookies/secure-disabled
  res.cookie('locale', req.query.lang, { secure: false });
  // Any other cookie with Secure turned off is.
  // expect: cookies/secure-disabled
  res.cookie('refresh_hint', String(next.expiresAt), { httpOnly: true, secure: false });
  res.status(204).end();
});

app.use('/auth', router);
module.exports = { app };
