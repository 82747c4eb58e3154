'use strict';

// Password-reset worker: logs through the service's own logger module, the
// way most Express services do (winston configured once in lib/logger.js).
const logger = require('../lib/logger');
const { sendMail } = require('../lib/mailer');
const store = require('../lib/reset-store');

async function handleResetRequest(job) {
  const { account, resetToken } = job.data;
  // expect: logging/personal-data-in-log
  logger.info('password reset requested', { email: account.email });
  // expect: logging/secret-in-log
  logger.debug(`reset link ${resetToken} issued to account ${account.id}`);
  // ok: logging/secret-in-log, logging/personal-data-in-log
  logger.info('password reset mail queued', { accountId: account.id, attempt: job.attemptsMade });
  await store.save(account.id, resetToken);
  await sendMail(account.email, 'password-reset', { resetToken });
}

module.exports = { handleResetRequest };
