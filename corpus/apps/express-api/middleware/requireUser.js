// Rejects requests that carry no authenticated user.
function requireUser(req, res, next) {
  if (!req.user) {
    return res.status(401).json({ error: 'authentication required' });
  }
  return next();
}

module.exports = requireUser;
