// Identity server: the guard from ./middleware limits sign-in, slow-down and
// brute protect the code flows, the newer routes have nothing.
const express = require('express');
const slowDown = require('express-slow-down');
const ExpressBrute = require('express-brute');
const { loginGuard } = require('./middleware/loginGuard');
const identity = require('./identity');

const app = express();
app.use(express.json());

const codeSlowdown = slowDown({ windowMs: 15 * 60 * 1000, delayAfter: 5, delayMs: (hits) => hits * 200 });
const brute = new ExpressBrute(new ExpressBrute.MemoryStore());

// ok: rate-limiting/auth-route-without-limiter
app.post('/sign-in', loginGuard, async (req, res) => res.json(await identity.signIn(req.body)));

// ok: rate-limiting/auth-route-without-limiter
app.post('/auth/code', codeSlowdown, async (req, res) => res.json(await identity.exchangeCode(req.body)));

// ok: rate-limiting/auth-route-without-limiter
app.post('/2fa', brute.prevent, async (req, res) => res.json(await identity.verifySecondFactor(req.body)));

// expect: rate-limiting/auth-route-without-limiter
app.post('/sign-in/passkey', async (req, res) => res.json(await identity.passkey(req.body)));

// expect: rate-limiting/auth-route-without-limiter
app.post('/auth', async (req, res) => res.json(await identity.exchange(req.body)));

// expect: rate-limiting/auth-route-without-limiter
app.post('/account/2fa/recover', async (req, res) => res.json(await identity.recover(req.body)));

// ok: rate-limiting/auth-route-without-limiter
app.get('/sign-in', (req, res) => res.sendFile('sign-in.html', { root: 'public' }));

app.listen(process.env.PORT || 4000);
