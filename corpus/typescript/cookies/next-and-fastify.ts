// Next.js route handler and a fastify plugin sharing the session cookie helpers.
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import fp from 'fastify-plugin';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createSession } from '@/lib/sessions';

export async function POST(request: Request): Promise<Response> {
  const { email, password } = await request.json();
  const session = await createSession(email, password);
  // expect: cookies/httponly-missing
  cookies().set('session', session.id, { secure: true, sameSite: 'lax', path: '/' });
  // ok: cookies/httponly-missing, cookies/secure-missing
  cookies().set('auth_token', session.token, { httpOnly: true, secure: true, sameSite: 'lax' });
  // ok: cookies/httponly-missing, cookies/secure-missing
  cookies().set('locale', 'en-GB', { path: '/' });
  const response = NextResponse.json({ ok: true });
  // expect: cookies/samesite-none-insecure, cookies/secure-missing
  response.cookies.set('embed_sid', session.id, { httpOnly: true, sameSite: 'none' });
  return response;
}

export default fp(async function sessions(fastify: FastifyInstance) {
  await fastify.register(fastifyCookie);
  await fastify.register(fastifySession, {
    secret: process.env.SESSION_SECRET as string,
    cookieName: 'sessionId',
    cookie: {
      // expect: cookies/secure-disabled
      secure: false,
      httpOnly: true,
      maxAge: 1000 * 60 * 60 * 8,
    },
  });
});

export const adminSessions = fp(async function adminSessions(fastify: FastifyInstance) {
  await fastify.register(fastifySession, {
    secret: process.env.ADMIN_SESSION_SECRET as string,
    cookieName: 'adminSessionId',
    cookie: {
      secure: true,
      // expect: cookies/httponly-disabled
      httpOnly: false,
      maxAge: 1000 * 60 * 30,
    },
  });
});

export function setSessionCookie(reply: FastifyReply, id: string): void {
  // expect: cookies/secure-missing, cookies/httponly-missing
  reply.setCookie('sessionId', id, { path: '/', sameSite: 'lax' });
}

export function setBannerCookie(reply: FastifyReply): void {
  // A preference cookie: no credential rides on it, so its flags are not a finding.
  // ok: cookies/secure-disabled
  reply.setCookie('seen_banner', '1', { path: '/', secure: false });
}

export function trustDevice(reply: FastifyReply, deviceId: string): void {
  // An explicit `secure: false` is reported on any cookie that is not a preference.
  // expect: cookies/secure-disabled
  reply.setCookie('trusted_device', deviceId, { path: '/', httpOnly: true, secure: false });
}

export function setWidgetCookie(reply: FastifyReply, token: string): void {
  // expect: cookies/samesite-none-insecure, cookies/secure-missing
  reply.setCookie('widget_auth', token, { path: '/', httpOnly: true, sameSite: 'none' });
}

export function setAuthCookie(reply: FastifyReply, token: string): void {
  // ok: cookies/secure-missing, cookies/httponly-missing, cookies/samesite-none-insecure
  reply.setCookie('auth', token, { path: '/', httpOnly: true, secure: true, sameSite: 'none' });
}
