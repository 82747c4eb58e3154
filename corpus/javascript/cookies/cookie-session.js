'use strict';

// Signed client-side sessions for the admin panel (cookie-session).
const express = require('express');
const cookieSession = require('cookie-session');

const admin = express();

admin.use(
  cookieSession({
    name: 'admin_session',
    keys: [process.env.ADMIN_COOKIE_KEY, process.env.ADMIN_COOKIE_KEY_PREVIOUS],
    maxAge: 4 * 60 * 60 * 1000,
    httpOnly: true,
    // expect: cookies/secure-disabled
    secure: false,
  })
);

const kiosk = express();

kiosk.use(
  cookieSession({
    name: 'kiosk_session',
    keys: [process.env.KIOSK_COOKIE_KEY],
    maxAge: 60 * 60 * 1000,
    // ok: cookies/secure-disabled
    secure: process.env.NODE_ENV === 'production',
    // ok: cookies/httponly-disabled
    httpOnly: true,
  })
);

module.exports = { admin, kiosk };
