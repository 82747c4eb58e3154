// fastify service: the global limiter is off, routes opt in through config.
const fastify = require('fastify')({ logger: true });
const rateLimit = require('@fastify/rate-limit');
const { verifyPassword, createUser, sendOtp } = require('./lib/accounts');

const app = fastify;
app.register(rateLimit, { global: false });

// expect: rate-limiting/auth-route-without-limiter
app.post('/signin', async (request, reply) => {
  const ok = await verifyPassword(request.body.username, request.body.password);
  return ok ? { ok } : reply.code(401).send();
});

// ok: rate-limiting/auth-route-without-limiter
app.post('/otp/send', { config: { rateLimit: { max: 3, timeWindow: '1 minute' } } }, async (request) => {
  await sendOtp(request.body.phone);
  return { sent: true };
});

// expect: rate-limiting/auth-route-without-limiter
app.route({
  method: 'POST',
  url: '/signup',
  handler: async (request, reply) => {
    reply.code(201);
    return createUser(request.body);
  },
});

// ok: rate-limiting/auth-route-without-limiter
app.get('/health', async () => ({ status: 'ok' }));

app.listen({ port: 3000 });
