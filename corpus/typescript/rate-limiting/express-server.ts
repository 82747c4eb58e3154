// Express (TypeScript) identity service: each sign-in path uses a different
// limiter, the newer routes were added without one.
import express, { NextFunction, Request, Response } from 'express';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import slowDown from 'express-slow-down';
import ExpressBrute from 'express-brute';
import Redis from 'ioredis';
import { identity } from './identity';

const app = express();
app.use(express.json());

const redis = new Redis(process.env.REDIS_URL as string);
const signInPoints = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'sign-in', points: 5, duration: 60 });

async function rateLimitMiddleware(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    await signInPoints.consume(req.ip ?? 'unknown');
    next();
  } catch {
    res.status(429).json({ error: 'too many attempts' });
  }
}

const speedLimiter = slowDown({ windowMs: 60_000, delayAfter: 3, delayMs: (hits: number) => hits * 250 });
const bruteforce = new ExpressBrute(new ExpressBrute.MemoryStore(), { freeRetries: 5 });

// ok: rate-limiting/auth-route-without-limiter
app.post('/sign-in', rateLimitMiddleware, async (req: Request, res: Response) => {
  res.json(await identity.signIn(req.body));
});

// ok: rate-limiting/auth-route-without-limiter
app.post('/auth', speedLimiter, async (req: Request, res: Response) => {
  res.json(await identity.exchange(req.body));
});

// ok: rate-limiting/auth-route-without-limiter
app.post('/2fa/verify', bruteforce.prevent, async (req: Request, res: Response) => {
  res.json(await identity.verifySecondFactor(req.body));
});

// expect: rate-limiting/auth-route-without-limiter
app.post('/sign-in/magic-link', async (req: Request, res: Response) => {
  await identity.sendMagicLink(req.body.email);
  res.status(202).end();
});

// expect: rate-limiting/auth-route-without-limiter
app.post('/auth/2fa/backup-code', async (req: Request, res: Response) => {
  res.json(await identity.useBackupCode(req.body));
});

// ok: rate-limiting/auth-route-without-limiter
app.get('/auth/providers', (_req: Request, res: Response) => {
  res.json(identity.providers());
});

app.listen(Number(process.env.PORT ?? 3000));
