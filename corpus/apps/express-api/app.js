// The Express application: middleware, routers and their limiters.
const express = require('express');
const helmet = require('helmet');
const config = require('config');
const { loginLimiter } = require('./middleware/rateLimit');
const authRouter = require('./routes/auth');
const usersRouter = require('./routes/users');
const recoveryRouter = require('./routes/recovery');

const app = express();

app.set('trust proxy', config.get('server.trustProxy'));
app.use(helmet());
app.use(express.json({ limit: '100kb' }));

app.use('/auth', loginLimiter, authRouter);
app.use('/users', usersRouter);
app.use('/password-reset', recoveryRouter);

app.get('/health', (req, res) => res.json({ status: 'ok' }));

module.exports = app;
