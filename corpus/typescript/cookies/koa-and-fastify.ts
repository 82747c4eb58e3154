import Koa from 'koa';
import Router from '@koa/router';
import Fastify, { FastifyReply } from 'fastify';

const app = new Koa();
const router = new Router();

router.post('/session', async (ctx) => {
  const sid: string = await ctx.state.sessions.create(ctx.request.body);
  // expect: cookies/httponly-disabled, cookies/secure-missing
  ctx.cookies.set('sid', sid, { httpOnly: false, sameSite: 'strict' });
  // ok: cookies/httponly-disabled
  ctx.cookies.set('seen_banner', '1', { httpOnly: true, signed: false });
  ctx.status = 201;
});

app.use(router.routes());

const server = Fastify({ logger: true });

export function rememberDevice(reply: FastifyReply, deviceId: string): void {
  // expect: cookies/httponly-disabled
  reply.setCookie('device', deviceId, { path: '/', httpOnly: false, secure: true });
}

export function setLocale(reply: FastifyReply, locale: string): void {
  // ok: cookies/httponly-disabled
  reply.setCookie('locale', locale, { path: '/', httpOnly: true });
}

export default server;
