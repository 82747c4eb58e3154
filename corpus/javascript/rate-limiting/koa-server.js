// Koa API with koa-router; the session routes sit behind koa-ratelimit.
const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const ratelimit = require('koa-ratelimit');
const Redis = require('ioredis');
const accounts = require('./services/accounts');

const app = new Koa();
const redis = new Redis(process.env.REDIS_URL);

const session = new Router({ prefix: '/session' });
session.use(
  ratelimit({
    driver: 'redis',
    db: redis,
    duration: 60000,
    max: 5,
    id: (ctx) => ctx.ip,
  }),
);

// ok: rate-limiting/auth-route-without-limiter
session.post('/login', async (ctx) => {
  ctx.body = await accounts.login(ctx.request.body);
});

const users = new Router({ prefix: '/users' });

// expect: rate-limiting/auth-route-without-limiter
users.post('/signup', async (ctx) => {
  ctx.status = 201;
  ctx.body = await accounts.create(ctx.request.body);
});

// expect: rate-limiting/auth-route-without-limiter
users.post('/verify-email', async (ctx) => {
  await accounts.verifyEmail(ctx.request.body.code);
  ctx.status = 204;
});

// ok: rate-limiting/auth-route-without-limiter
users.get('/:id', async (ctx) => {
  ctx.body = await accounts.find(ctx.params.id);
});

app.use(bodyParser());
app.use(session.routes()).use(session.allowedMethods());
app.use(users.routes());

app.listen(3000);
