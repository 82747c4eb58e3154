'use strict';

// Session set-up of the analytics dashboard and its partner API.
const express = require('express');
const session = require('express-session');
const jwt = require('jsonwebtoken');
const PgStore = require('connect-pg-simple')(session);
const { pool } = require('./db');

const THIRTY_MINUTES = 30 * 60 * 1000;
const app = express();

// Rolling renews the cookie on every request; with no maxAge nothing ever
// ends an active session.
// expect: sessions/no-expiry
app.use(session({
  store: new PgStore({ pool }),
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  rolling: true,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
}));

// An idle timeout: rolling with a short maxAge.
// ok: sessions/no-expiry, sessions/lifetime-above-policy
const reportSessions = session({ secret: process.env.REPORT_SECRET, resave: false, saveUninitialized: false, rolling: true, cookie: { httpOnly: true, secure: true, maxAge: THIRTY_MINUTES } });

const partnerSessions = session({
  secret: process.env.PARTNER_SECRET,
  resave: false,
  saveUninitialized: false,
  rolling: true,
  cookie: {
    httpOnly: true,
    secure: true,
    // expect: sessions/lifetime-above-policy
    maxAge: 60 * 24 * 60 * 60 * 1000,
  },
});

function issuePartnerToken(partner) {
  // expect: sessions/jwt-expiry-above-policy
  return jwt.sign({ sub: partner.id, scope: 'reports' }, process.env.JWT_SECRET, { expiresIn: '45d' });
}

function issueMonthlyToken(partner) {
  // At the policy's limit, not over it.
  // ok: sessions/jwt-expiry-above-policy, sessions/jwt-no-expiry
  return jwt.sign({ sub: partner.id, scope: 'reports' }, process.env.JWT_SECRET, { expiresIn: '30d' });
}

function verifyPartnerToken(token) {
  // expect: sessions/jwt-alg-none
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256', 'none'], ignoreExpiration: false });
}

function verifyExportToken(token) {
  // ok: sessions/jwt-alg-none, sessions/jwt-expiry-not-checked
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'], audience: 'exports' });
}

function readExpiredExportToken(token) {
  // expect: sessions/jwt-expiry-not-checked
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'], ignoreExpiration: true });
}

module.exports = {
  app,
  reportSessions,
  partnerSessions,
  issuePartnerToken,
  issueMonthlyToken,
  verifyPartnerToken,
  verifyExportToken,
  readExpiredExportToken,
};
