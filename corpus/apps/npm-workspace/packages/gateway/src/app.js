// The public gateway. It mounts the account routers by relative path into
// the accounts package (this workspace predates that package's exports).
const express = require('express');
const rateLimit = require('express-rate-limit');
const { signIn, recovery } = require('../../accounts/src/routes');

const app = express();
const signInLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10 });

app.use(express.json({ limit: '50kb' }));
app.use('/account', signInLimiter, signIn);
app.use('/account', recovery);

app.listen(process.env.PORT || 8080);
