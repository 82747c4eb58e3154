'use strict';

// Express bootstrap of the accounts API.
const express = require('express');
const session = require('express-session');
const cookieParser = require('cookie-parser');
const jwt = require('jsonwebtoken');
const mongoose = require('mongoose');
const { Pool } = require('pg');

const app = express();

// ok: secrets/session-secret-literal
app.use(cookieParser(process.env.COOKIE_SECRET));
// expect: secrets/session-secret-literal
app.use(cookieParser('u8jzPde0IgxLd6GncfBAepfJ'));

app.use(
  // expect: sessions/no-expiry
  session({
    name: 'sid',
    // expect: secrets/session-secret-literal
    secret: 'keyboard cat',
    resave: false,
    saveUninitialized: false,
  }),
);

// ok: secrets/session-secret-literal
// expect: sessions/no-expiry
const adminSession = session({ secret: process.env.ADMIN_SESSION_SECRET, resave: false });

const db = new Pool({
  host: 'db.prod.internal',
  user: 'accounts',
  // expect: secrets/hardcoded-password
  password: 'UMFxFkM-#R5Kjp^1',
  database: 'accounts',
});

const replica = new Pool({
  host: 'replica.prod.internal',
  user: 'accounts_ro',
  // ok: secrets/hardcoded-password
  password: process.env.REPLICA_PASSWORD,
});

// Reporting still connects with a URL from the old deploy scripts.
// expect: secrets/postgres-url-password
const reportingUrl = 'postgres://reporting:kWvj7FAc9QeWJKY4@pg-reporting.prod.internal:5432/reports';
// ok: secrets/postgres-url-password
const analyticsUrl = `postgres://analytics:${process.env.ANALYTICS_DB_PASSWORD}@pg-analytics:5432/events`;
// ok: secrets/mongodb-url-password
const localMongo = 'mongodb://app:app@localhost:27017/accounts';
// expect: secrets/mongodb-url-password
mongoose.connect('mongodb+srv://accounts:NhFdnXsiVpzz63Ff@cluster0.x7kq2.mongodb.net/accounts?retryWrites=true');

const userSchema = new mongoose.Schema({
  email: { type: String, required: true },
  // ok: secrets/hardcoded-password
  password: { type: String, required: true, select: false },
});
const User = mongoose.model('User', userSchema);

const geocoder = {
  endpoint: 'https://maps.example.net/v2',
  // expect: secrets/hardcoded-secret
  apiKey: 'sajAIxNKu8iS2G8NPRVdD53X',
};

const mailer = {
  // ok: secrets/hardcoded-secret
  apiKey: '<your-api-key>',
  // ok: secrets/hardcoded-password
  password: 'changeme',
};

// A long-lived token for the billing service, pasted during an incident.
// expect: secrets/jwt-token
const BILLING_SERVICE_TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJiaWxsaW5nLXdvcmtlciIsInJvbGUiOiJzZXJ2aWNlIiwiaWF0IjoxNzMyNjI0MDAwfQ.gaKjIg8xNbe3nNyjOq9wMxEhEqmSM9wCZ7Uw9xfogoE';
// The jwt.io sample token, used in the API docs.
// ok: secrets/jwt-token
const DOC_SAMPLE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

// This app applies no rate limiter anywhere.
// expect: rate-limiting/auth-route-without-limiter
app.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) return res.sendStatus(401);
  // expect: secrets/jwt-secret-literal
  const token = jwt.sign({ sub: user.id }, 'gLKOmxgJTeKdNnFRIBXuDL7D', { expiresIn: '1h' });
  res.json({ token });
});

app.get('/me', (req, res) => {
  // ok: secrets/jwt-secret-literal
  const claims = jwt.verify(req.headers.authorization, process.env.JWT_SECRET);
  res.json(claims);
});

// ok: secrets/jwt-secret-literal
const refresh = (claims) => jwt.sign(claims, `${process.env.JWT_REFRESH_SECRET}`, { expiresIn: '7d' });

module.exports = { adminSession, app, db, replica, reportingUrl, analyticsUrl, localMongo, geocoder, mailer, BILLING_SERVICE_TOKEN, DOC_SAMPLE, refresh };
