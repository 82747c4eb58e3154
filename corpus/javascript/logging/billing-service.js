'use strict';

// Billing service: bunyan for the worker, log4js for the audit trail,
// pino-http's request logger on the webhook routes.
const express = require('express');
const pinoHttp = require('pino-http');
const bunyan = require('bunyan');
const log4js = require('log4js');
const { redact } = require('../lib/redaction');

const log = bunyan.createLogger({ name: 'billing-worker' });
const audit = log4js.getLogger('audit');

class AccountMigrator {
  constructor(logger, store) {
    this.logger = logger;
    this.store = store;
  }

  async migrate(user) {
    // expect: logging/secret-in-log
    this.logger.debug(`migrating ${user.login} with ${user.password}`);
    // expect: logging/personal-data-in-log
    this.logger.warn(`no billing address for ${user.email}`);
    // ok: logging/secret-in-log, logging/personal-data-in-log
    this.logger.info(`migrated account ${user.id} (${user.cards.length} cards)`);
    await this.store.save(user);
  }
}

async function charge(payment, customer) {
  try {
    return await payment.capture();
  } catch (err) {
    // expect: logging/personal-data-in-log
    log.error({ err, cardNumber: payment.cardNumber }, 'charge failed');
    // ok: logging/personal-data-in-log
    log.error({ err, paymentId: payment.id, cardCount: customer.cards.length }, 'charge failed');
    // expect: logging/whole-object-in-log
    audit.warn('charge failed for', customer);
    // ok: logging/whole-object-in-log
    audit.warn('charge failed for', redact(customer));
    throw err;
  }
}

const webhooks = express.Router();
webhooks.use(pinoHttp({ logger: log }));

webhooks.post('/stripe', express.raw({ type: 'application/json' }), (req, res) => {
  // expect: logging/whole-object-in-log
  req.log.info({ body: req.body }, 'webhook received');
  // expect: logging/secret-in-log
  req.log.debug({ signature: req.headers['stripe-signature'], secret: process.env.STRIPE_WEBHOOK_SECRET }, 'verifying');
  // ok: logging/whole-object-in-log, logging/secret-in-log
  req.log.info({ route: req.originalUrl, bytes: req.body.length }, 'webhook received');
  res.status(204).end();
});

module.exports = { AccountMigrator, charge, webhooks };
