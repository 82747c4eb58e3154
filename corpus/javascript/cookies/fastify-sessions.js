'use strict';

// fastify plugin: server-side sessions for the back office and a
// remember-me cookie for the customer app.
const fp = require('fastify-plugin');
const fastifyCookie = require('@fastify/cookie');
const fastifySession = require('@fastify/session');
const RedisStore = require('connect-redis').default;
const { redis } = require('../redis');

async function sessions(fastify) {
  await fastify.register(fastifyCookie, { secret: process.env.COOKIE_SECRET });
  await fastify.register(fastifySession, {
    secret: process.env.SESSION_SECRET,
    store: new RedisStore({ client: redis }),
    cookieName: 'backoffice_sid',
    cookie: {
      // expect: cookies/httponly-disabled
      httpOnly: false,
      // expect: cookies/secure-disabled
      secure: false,
      maxAge: 1000 * 60 * 60 * 8,
    },
  });

  fastify.post('/remember', async (request, reply) => {
    const token = await fastify.tokens.issueRemember(request.session.userId);
    // expect: cookies/secure-missing, cookies/httponly-missing
    reply.setCookie('remember_token', token, { path: '/', sameSite: 'lax', signed: true });
    // expect: cookies/samesite-none-insecure, cookies/secure-missing
    reply.setCookie('widget_auth', token, { path: '/', httpOnly: true, sameSite: 'none' });
    // ok: cookies/secure-missing, cookies/httponly-missing, cookies/samesite-none-insecure
    reply.setCookie('app_session', token, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
    // ok: cookies/httponly-disabled, cookies/httponly-missing, cookies/secure-missing
    reply.setCookie('lang', request.body.lang, { path: '/', httpOnly: false });
    return { ok: true };
  });

  fastify.post('/remember/debug', async (request, reply) => {
    // expect: cookies/httponly-disabled
    reply.setCookie('remember_token', request.body.token, { path: '/', httpOnly: false, secure: true });
    // expect: cookies/secure-disabled
    reply.setCookie('debug_session', request.body.token, { path: '/', httpOnly: true, secure: false });
    return { ok: true };
  });
}

module.exports = fp(sessions, { name: 'sessions' });
