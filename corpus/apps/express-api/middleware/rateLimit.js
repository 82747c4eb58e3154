// Limiters shared by the routers; the figures live in config/default.json.
const config = require('config');
const rateLimit = require('express-rate-limit');

const loginLimiter = rateLimit({
  windowMs: config.get('rateLimit.login.windowMs'),
  max: config.get('rateLimit.login.max'),
  standardHeaders: true,
  legacyHeaders: false,
  message: { error: 'too many attempts, try again later' },
});

const apiLimiter = rateLimit({
  windowMs: config.get('rateLimit.api.windowMs'),
  max: config.get('rateLimit.api.max'),
  standardHeaders: true,
  legacyHeaders: false,
});

module.exports = { loginLimiter, apiLimiter };
