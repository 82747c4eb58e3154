// Account management for signed-in users. Mounted in app.js without the
// login limiter: the password change below is exposed to guessing.
const { Router } = require('express');
const { body } = require('express-validator');
const requireUser = require('../middleware/requireUser');
const accounts = require('../services/accounts');

const router = Router();

router.use(requireUser);

// expect: rate-limiting/auth-route-without-limiter
router.put('/:id/password', body('password').isLength({ min: 12 }), async (req, res) => {
  await accounts.changePassword(req.params.id, req.body.password);
  res.status(204).end();
});

// ok: rate-limiting/auth-route-without-limiter
router.get('/:id', async (req, res) => {
  const account = await accounts.findAccount(req.params.id);
  if (!account) return res.status(404).end();
  return res.json(account);
});

module.exports = router;
