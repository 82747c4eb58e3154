// Next.js route handler (app router) for the marketing site's sign-in form.
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { signIn } from '@/lib/auth';

export async function POST(request) {
  const { email, password } = await request.json();
  const session = await signIn(email, password);
  if (!session) {
    return NextResponse.json({ error: 'invalid credentials' }, { status: 401 });
  }
  // expect: cookies/httponly-missing
  cookies().set('session', session.id, { secure: true, sameSite: 'lax', path: '/' });
  // expect: cookies/secure-missing
  cookies().set({ name: 'auth_token', value: session.token, httpOnly: true, sameSite: 'lax' });
  // expect: cookies/secure-disabled
  cookies().set('refresh_token', session.refreshToken, { httpOnly: true, secure: false });
  // ok: cookies/secure-missing, cookies/httponly-missing, cookies/secure-disabled
  cookies().set({ name: 'csrf_session', value: session.csrf, httpOnly: true, secure: true, sameSite: 'strict' });
  // ok: cookies/secure-missing, cookies/httponly-missing, cookies/httponly-disabled
  cookies().set({ name: 'theme', value: 'dark', httpOnly: false });
  // expect: cookies/httponly-disabled
  cookies().set('csrf_token', session.csrf, { httpOnly: false, secure: true, sameSite: 'strict' });
  // expect: cookies/samesite-none-insecure, cookies/secure-missing
  cookies().set('embed_session', session.id, { httpOnly: true, sameSite: 'none' });
  const response = NextResponse.json({ ok: true });
  // expect: cookies/httponly-disabled
  response.cookies.set('session_hint', session.id, { httpOnly: false, secure: true });
  return response;
}
