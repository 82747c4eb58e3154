// Express authentication controller with a winston logger.
'use strict';

const express = require('express');
const bcrypt = require('bcrypt');
const util = require('util');
const winston = require('winston');
const { maskEmail, redact } = require('../lib/redaction');
const Users = require('../models/users');
const Sessions = require('../models/sessions');

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});
const debug = util.debuglog('auth');

const router = express.Router();

router.post('/login', async (req, res) => {
  const { email, password } = req.body;
  // expect: logging/personal-data-in-log
  logger.info('Login attempt for ' + email);
  // expect: logging/secret-in-log
  debug('checking credentials %s / %s', email.length, password);
  const user = await Users.findByEmail(email);
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    // ok: logging/personal-data-in-log
    logger.warn('Failed login', { emailDomain: email.split('@')[1], attempts: req.session.attempts });
    return res.status(401).json({ error: 'invalid credentials' });
  }
  const session = await Sessions.create(user.id);
  // expect: logging/secret-in-log
  logger.debug(`session ${session.id} issued with token ${session.token}`);
  // ok: logging/secret-in-log, logging/whole-object-in-log
  logger.info('Login succeeded', { userId: user.id, sessionId: session.id, tokenType: 'bearer' });
  res.cookie('sid', session.token, { httpOnly: true, secure: true, sameSite: 'lax' });
  return res.json({ ok: true });
});

router.post('/signup', async (req, res) => {
  logger.info('Signup request', {
    // expect: logging/whole-object-in-log
    ...req.body,
    receivedAt: new Date().toISOString(),
  });
  const { email, phone, password } = req.body;
  // expect: logging/personal-data-in-log
  logger.info('Creating account', { email, plan: req.body.plan });
  // ok: logging/personal-data-in-log
  logger.info('Creating account', { email: maskEmail(email), phoneCount: phone ? 1 : 0 });
  const user = await Users.create({ email, phone, password: await bcrypt.hash(password, 12) });
  // expect: logging/whole-object-in-log
  console.log('created user', user);
  // ok: logging/whole-object-in-log
  console.log('created user', user.id, `(${Users.count} users)`);
  return res.status(201).json({ id: user.id });
});

router.post('/password/forgot', async (req, res) => {
  // ok: logging/secret-in-log
  logger.info('password reset requested');
  // expect: logging/personal-data-in-log
  logger.info(`password reset requested for ${req.body.email}`);
  // ok: logging/whole-object-in-log
  logger.info(`password reset requested by account ${req.body.user}`);
  // ok: logging/secret-in-log
  logger.info('reset link sent', { token: redact(req.body.token), passwordPolicy: 'nist' });
  res.status(202).end();
});

router.use((err, req, res, next) => {
  // expect: logging/whole-object-in-log
  logger.error('Unhandled error', { err: err.message, headers: req.headers });
  // expect: logging/secret-in-log
  console.error('auth failure, Authorization was', req.headers.authorization);
  // expect: logging/secret-in-log
  logger.warn('rejected credentials', { scheme: req.get('Authorization') });
  // ok: logging/secret-in-log
  logger.warn('rejected credentials', { agent: req.get('User-Agent'), ip: req.ip });
  // ok: logging/whole-object-in-log
  console.error('auth failure on', req.method, req.path, Object.keys(req.headers).length);
  next(err);
});

module.exports = router;
