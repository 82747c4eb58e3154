'use strict';

// Koa storefront: the checkout embeds in partner sites, so its cookie must
// travel on cross-site requests.
const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const { createSession, destroySession } = require('./sessions');

const app = new Koa();
app.keys = [process.env.COOKIE_SIGNING_KEY];
const router = new Router();

router.post('/checkout/session', async (ctx) => {
  const session = await createSession(ctx.request.body.cartId);
  // expect: cookies/secure-disabled
  ctx.cookies.set('checkout_sid', session.id, { httpOnly: true, secure: false, signed: true });
  // expect: cookies/samesite-none-insecure, cookies/secure-missing
  ctx.cookies.set('embed_session', session.id, { httpOnly: true, sameSite: 'none', signed: true });
  // expect: cookies/httponly-disabled
  ctx.cookies.set('cart_token', session.cartToken, { httpOnly: false, secure: true, sameSite: 'lax' });
  // ok: cookies/samesite-none-insecure, cookies/secure-missing, cookies/secure-disabled, cookies/httponly-disabled
  ctx.cookies.set('partner_session', session.id, { httpOnly: true, secure: true, sameSite: 'none', signed: true });
  ctx.status = 201;
});

router.post('/preferences', async (ctx) => {
  // The storefront's script reads these to render the page.
  // ok: cookies/httponly-disabled, cookies/secure-disabled, cookies/secure-missing
  ctx.cookies.set('currency', ctx.request.body.currency, { httpOnly: false, secure: false });
  // ok: cookies/httponly-disabled, cookies/secure-missing
  ctx.cookies.set('theme', ctx.request.body.theme, { httpOnly: false });
  ctx.status = 204;
});

router.post('/logout', async (ctx) => {
  await destroySession(ctx.cookies.get('checkout_sid', { signed: true }));
  // ok: cookies/secure-disabled, cookies/httponly-disabled
  ctx.cookies.set('checkout_sid', null, { secure: ctx.secure, httpOnly: true });
  ctx.status = 204;
});

app.use(bodyParser());
app.use(router.routes());
module.exports = app;
