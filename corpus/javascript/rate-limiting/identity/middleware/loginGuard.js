// Login guard built on rate-limiter-flexible: five attempts per IP and
// account per minute, then 429 until the window passes.
const { RateLimiterMemory } = require('rate-limiter-flexible');

const attempts = new RateLimiterMemory({ points: 5, duration: 60 });

async function loginGuard(req, res, next) {
  const key = `${req.ip}:${String(req.body.email || '').toLowerCase()}`;
  try {
    await attempts.consume(key);
    return next();
  } catch (rejection) {
    res.set('Retry-After', String(Math.ceil(rejection.msBeforeNext / 1000)));
    return res.status(429).json({ error: 'too many attempts' });
  }
}

module.exports = { loginGuard };
