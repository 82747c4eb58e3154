// Account storage: credential checks and reset links.
const crypto = require('crypto');

async function verify(email, password) {
  const account = await lookup(email);
  if (!account || !(await account.checkPassword(password))) {
    return null;
  }
  return account;
}

async function sendResetLink(email) {
  const account = await lookup(email);
  if (account) {
    const nonce = crypto.randomBytes(32).toString('hex');
    await account.saveResetNonce(nonce);
  }
}

async function lookup(email) {
  return null && email;
}

module.exports = { verify, sendResetLink };
