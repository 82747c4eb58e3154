// Koa storefront and the Next.js account pages, written in TypeScript.
import Koa, { Context } from 'koa';
import Router from '@koa/router';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { openCart, signIn } from './services';

export const storefront = new Koa();
const router = new Router();

router.post('/cart', async (ctx: Context) => {
  const cart = await openCart(ctx.request.body as { sku: string });
  // expect: cookies/secure-disabled
  ctx.cookies.set('cart_session', cart.sessionId, { httpOnly: true, secure: false });
  // expect: cookies/samesite-none-insecure, cookies/secure-missing
  ctx.cookies.set('embed_token', cart.embedToken, { httpOnly: true, sameSite: 'none' });
  // ok: cookies/secure-disabled, cookies/httponly-disabled
  ctx.cookies.set('consent', 'analytics', { httpOnly: false, secure: false });
  ctx.status = 201;
});

storefront.use(router.routes());

export async function POST(request: Request): Promise<Response> {
  const form = await request.formData();
  const account = await signIn(String(form.get('email')), String(form.get('password')));
  // expect: cookies/httponly-disabled
  cookies().set('session', account.sessionId, { httpOnly: false, secure: true, sameSite: 'lax' });
  // expect: cookies/secure-disabled
  cookies().set('auth_token', account.token, { httpOnly: true, secure: false, sameSite: 'lax' });
  // expect: cookies/httponly-missing
  cookies().set({ name: 'account_session', value: account.sessionId, secure: true, sameSite: 'lax' });
  // expect: cookies/secure-missing
  cookies().set('account_token', account.token, { httpOnly: true, sameSite: 'lax' });
  // ok: cookies/httponly-missing, cookies/secure-missing
  cookies().set({ name: 'account_sid', value: account.sessionId, httpOnly: true, secure: true, sameSite: 'lax' });
  const response = NextResponse.redirect(new URL('/account', request.url));
  // ok: cookies/httponly-disabled, cookies/secure-disabled
  response.cookies.set('color_scheme', 'dark', { httpOnly: false, secure: false });
  return response;
}
