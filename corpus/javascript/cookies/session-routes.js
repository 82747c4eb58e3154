const express = require('express');
const session = require('express-session');
const cookieSession = require('cookie-session');
const { issueToken } = require('../auth/tokens');

const app = express();

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: {
      // expect: cookies/httponly-disabled
      httpOnly: false,
      secure: true,
      sameSite: 'lax', maxAge: 8 * 60 * 60 * 1000,
    },
  })
);

app.use(
  cookieSession({
    name: 'prefs',
    keys: [process.env.COOKIE_KEY],
    // expect: cookies/httponly-disabled
    httpOnly: false,
  })
);

const router = express.Router();

// expect: rate-limiting/auth-route-without-limiter
router.post('/login', async (req, res) => {
  const token = await issueToken(req.body.email, req.body.password);
  // expect: cookies/httponly-disabled
  res.cookie('access_token', token, { httpOnly: false, secure: true, maxAge: 3600000 });
  // ok: cookies/httponly-disabled
  res.cookie('refresh_token', token, { httpOnly: true, secure: true });
  // The string 'false' is truthy: Express still sets HttpOnly.
  // ok: cookies/httponly-disabled
  res.cookie('theme', req.body.theme, { httpOnly: 'false' });
  res.json({ ok: true });
});

router.post('/logout', (req, res) => {
  // clearCookie only expires the cookie
  // ok: cookies/httponly-disabled
  res.clearCookie('access_token', { httpOnly: false });
  res.status(204).end();
});

function setCsrfCookie(res, csrf, options) {
  // Options come from elsewhere: syntax cannot tell what they set.
  // ok: cookies/httponly-disabled
  res.cookie('csrf', csrf, options);
}

app.use('/auth', router);
module.exports = { app, setCsrfCookie };
