// Koa (TypeScript) API: the session router is limited with koa-ratelimit,
// the account router is not.
import Koa, { Context } from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import ratelimit from 'koa-ratelimit';
import { accounts } from './accounts';

const app = new Koa();
const limits = new Map();

const sessionRouter = new Router({ prefix: '/session' });
sessionRouter.use(ratelimit({ driver: 'memory', db: limits, duration: 60_000, max: 5, id: (ctx: Context) => ctx.ip }));

// ok: rate-limiting/auth-route-without-limiter
sessionRouter.post('/token', async (ctx: Context) => {
  ctx.body = await accounts.issueToken(ctx.request.body);
});

const accountRouter = new Router({ prefix: '/account' });

// expect: rate-limiting/auth-route-without-limiter
accountRouter.post('/password/forgot', async (ctx: Context) => {
  await accounts.sendReset(ctx.request.body);
  ctx.status = 202;
});

// expect: rate-limiting/auth-route-without-limiter
accountRouter.put('/mfa', async (ctx: Context) => {
  ctx.body = await accounts.enrolMfa(ctx.request.body);
});

// ok: rate-limiting/auth-route-without-limiter
accountRouter.get('/mfa', async (ctx: Context) => {
  ctx.body = await accounts.mfaStatus(ctx.state.user);
});

app.use(bodyParser());
app.use(sessionRouter.routes());
app.use(accountRouter.routes());
app.listen(3000);
