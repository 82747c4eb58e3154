'use strict';

// Express app: server-side sessions for the dashboard, JWTs for the public API.
const express = require('express');
const session = require('express-session');
const cookieSession = require('cookie-session');
const jwt = require('jsonwebtoken');
const RedisStore = require('connect-redis').default;
const { redis } = require('./redis');
const settings = require('./settings');

const ONE_DAY = 24 * 60 * 60 * 1000;
const app = express();

app.use(
  // expect: sessions/no-expiry
  session({
    store: new RedisStore({ client: redis }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    rolling: true,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
  })
);

const adminSessions = session({
  secret: process.env.ADMIN_SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: {
    httpOnly: true,
    secure: true,
    // expect: sessions/lifetime-above-policy
    maxAge: 1000 * 60 * 60 * 24 * 365,
  },
});

// ok: sessions/no-expiry, sessions/lifetime-above-policy
const kioskSessions = session({ secret: process.env.KIOSK_SECRET, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: true, maxAge: 8 * 60 * 60 * 1000 } });

// ok: sessions/no-expiry, sessions/lifetime-above-policy
const partnerSessions = session({ secret: process.env.PARTNER_SECRET, cookie: settings.sessionCookie });

// ok: sessions/no-expiry
const reportSessions = session({ secret: process.env.REPORT_SECRET, cookie: { ...settings.cookieDefaults, httpOnly: true } });

app.use(
  cookieSession({
    name: 'prefs',
    keys: [process.env.COOKIE_KEY],
    // expect: sessions/lifetime-above-policy
    maxAge: 400 * 24 * 60 * 60 * 1000,
  })
);

function issueAccessToken(user) {
  // expect: sessions/jwt-no-expiry
  return jwt.sign({ sub: user.id, role: user.role }, process.env.JWT_SECRET);
}

function issueServiceToken(service) {
  // expect: sessions/jwt-no-expiry
  return jwt.sign({ sub: service.name, scope: 'internal' }, process.env.JWT_SECRET, { algorithm: 'HS256' });
}

function issueRememberToken(user) {
  // expect: sessions/jwt-expiry-above-policy
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '365d' });
}

function issueShortToken(user) {
  // ok: sessions/jwt-no-expiry, sessions/jwt-expiry-above-policy
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });
}

function issueFromClaims(claims) {
  // The claims object may carry `exp`: not judged.
  // ok: sessions/jwt-no-expiry
  return jwt.sign(claims, process.env.JWT_SECRET);
}

function issueWithExp(user) {
  // ok: sessions/jwt-no-expiry
  return jwt.sign({ sub: user.id, exp: Math.floor(Date.now() / 1000) + 3600 }, process.env.JWT_SECRET);
}

function verifyLegacy(token) {
  // expect: sessions/jwt-alg-none
  return jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256', 'none'] });
}

function verifyStrict(token) {
  // ok: sessions/jwt-alg-none, sessions/jwt-expiry-not-checked
  return jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
}

function verifyForRefresh(token) {
  // expect: sessions/jwt-expiry-not-checked
  return jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'], ignoreExpiration: true });
}

function verifyWithLeeway(token) {
  // ok: sessions/jwt-expiry-not-checked
  return jwt.verify(token, process.env.JWT_SECRET, { ignoreExpiration: false, clockTolerance: 30 });
}

module.exports = {
  app,
  adminSessions,
  kioskSessions,
  partnerSessions,
  reportSessions,
  issueAccessToken,
  issueServiceToken,
  issueRememberToken,
  issueShortToken,
  issueFromClaims,
  issueWithExp,
  verifyLegacy,
  verifyStrict,
  verifyForRefresh,
  verifyWithLeeway,
};
