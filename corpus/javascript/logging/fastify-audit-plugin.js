// fastify plugin that writes an audit trail with the request-bound pino logger.
'use strict';

const fp = require('fastify-plugin');
const pino = require('pino');
const { createHash } = require('crypto');

const audit = pino({ name: 'audit', redact: ['req.headers.cookie'] });

function fingerprint(value) {
  return createHash('sha256').update(String(value)).digest('hex').slice(0, 12);
}

async function auditPlugin(fastify, options) {
  fastify.addHook('onRequest', async (request) => {
    // expect: logging/whole-object-in-log
    request.log.debug({ headers: request.headers }, 'incoming request');
    // ok: logging/whole-object-in-log
    request.log.debug({ method: request.method, url: request.url, headerCount: Object.keys(request.headers).length }, 'incoming request');
  });

  fastify.post('/api/tokens', async (request, reply) => {
    const { clientId, clientSecret } = request.body;
    // expect: logging/secret-in-log
    request.log.info({ clientId, clientSecret }, 'token requested');
    // ok: logging/secret-in-log
    request.log.info({ clientId, secretFingerprint: fingerprint(clientSecret) }, 'token requested');
    const issued = await options.tokens.issue(clientId, clientSecret);
    // expect: logging/secret-in-log
    audit.info(`issued ${issued.accessToken} to ${clientId}`);
    // ok: logging/secret-in-log
    audit.info({ clientId, expiresIn: issued.expiresIn, tokenCount: issued.scopes.length }, 'token issued');
    return reply.send(issued);
  });

  fastify.put('/api/profile', async (request, reply) => {
    const profile = await options.users.update(request.user.id, request.body);
    // expect: logging/personal-data-in-log
    fastify.log.info('profile updated: ' + profile.phoneNumber);
    // expect: logging/personal-data-in-log
    fastify.log.info({ billingAddress: profile.billingAddress }, 'profile updated');
    // ok: logging/personal-data-in-log
    fastify.log.info({ userId: request.user.id, hasPhone: Boolean(profile.phoneNumber) }, 'profile updated');
    // expect: logging/whole-object-in-log
    audit.info({ user: request.user }, 'profile updated');
    return reply.code(204).send();
  });
}

module.exports = fp(auditPlugin, { name: 'audit' });
