// A small Express server that keeps its account routes in one file.
const express = require('express');
const rateLimit = require('express-rate-limit');
const { body, validationResult } = require('express-validator');
const { authenticate, issueToken, registerUser, sendResetMail } = require('./services/accounts');

const app = express();
app.use(express.json());

const loginLimiter = rateLimit({
  windowMs: 60 * 1000,
  max: 5,
  standardHeaders: true,
  legacyHeaders: false,
});

function validate(req, res, next) {
  const errors = validationResult(req);
  if (!errors.isEmpty()) {
    return res.status(422).json({ errors: errors.array() });
  }
  return next();
}

// ok: rate-limiting/auth-route-without-limiter
app.post('/login', loginLimiter, body('email').isEmail(), validate, async (req, res) => {
  const user = await authenticate(req.body.email, req.body.password);
  if (!user) return res.status(401).json({ error: 'invalid credentials' });
  return res.json({ token: issueToken(user) });
});

// expect: rate-limiting/auth-route-without-limiter
app.post('/register', body('email').isEmail(), validate, async (req, res) => {
  const user = await registerUser(req.body);
  res.status(201).json({ id: user.id });
});

const account = express.Router();

// expect: rate-limiting/auth-route-without-limiter
account.route('/password/forgot').post(async (req, res) => {
  await sendResetMail(req.body.email);
  res.status(202).end();
});

// ok: rate-limiting/auth-route-without-limiter
account.get('/password/policy', (req, res) => res.json({ minLength: 12 }));

// ok: rate-limiting/auth-route-without-limiter
app.get('/authors', (req, res) => res.json([]));

app.use('/account', account);

// Registered after the routes above, so it does not cover them.
app.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));

// ok: rate-limiting/auth-route-without-limiter
app.post('/token/refresh', async (req, res) => {
  res.json({ token: issueToken(req.user) });
});

app.listen(process.env.PORT || 3000);
