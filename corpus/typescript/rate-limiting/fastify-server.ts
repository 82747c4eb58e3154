// fastify (TypeScript): the public instance registers @fastify/rate-limit
// for every route; the partner instance was split off without it.
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { auth } from './auth';

const publicApi = Fastify({ logger: true });
await publicApi.register(rateLimit, { max: 5, timeWindow: '1 minute' });

// ok: rate-limiting/auth-route-without-limiter
publicApi.post('/login', async (request: FastifyRequest) => auth.login(request.body));

// ok: rate-limiting/auth-route-without-limiter
publicApi.post('/register', async (request: FastifyRequest) => auth.register(request.body));

const partnerApi = Fastify({ logger: true });

// expect: rate-limiting/auth-route-without-limiter
partnerApi.post('/oauth/token', async (request: FastifyRequest) => auth.clientCredentials(request.body));

// expect: rate-limiting/auth-route-without-limiter
partnerApi.post('/otp/verify', async (request: FastifyRequest, reply: FastifyReply) => {
  const ok = await auth.verifyOtp(request.body);
  return ok ? { ok } : reply.code(401).send();
});

// ok: rate-limiting/auth-route-without-limiter
partnerApi.get('/status', async () => ({ status: 'ok' }));

await publicApi.listen({ port: 3000 });
await partnerApi.listen({ port: 3001 });
