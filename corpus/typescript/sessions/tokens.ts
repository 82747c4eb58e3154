// Token issuing for the NestJS API and the Koa webhook receiver.
import { SignJWT, jwtVerify } from 'jose';
import * as jwt from 'jsonwebtoken';
import session from 'express-session';

const key = new TextEncoder().encode(process.env.JWT_SECRET);

export async function issueDeviceToken(deviceId: string): Promise<string> {
  // expect: sessions/jwt-no-expiry
  return new SignJWT({ sub: deviceId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .sign(key);
}

export async function issueSessionToken(userId: string): Promise<string> {
  // ok: sessions/jwt-no-expiry, sessions/jwt-expiry-above-policy
  return new SignJWT({ sub: userId })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('2h')
    .sign(key);
}

export async function issueLongToken(userId: string): Promise<string> {
  return new SignJWT({ sub: userId })
    .setProtectedHeader({ alg: 'HS256' })
    // expect: sessions/jwt-expiry-above-policy
    .setExpirationTime('1y')
    .sign(key);
}

export function issueApiToken(userId: string): string {
  // expect: sessions/jwt-expiry-above-policy
  return jwt.sign({ sub: userId }, process.env.JWT_SECRET as string, { expiresIn: 60 * 60 * 24 * 90 });
}

export function issueWebhookToken(hookId: string): string {
  // expect: sessions/jwt-no-expiry
  return jwt.sign({ hook: hookId }, process.env.JWT_SECRET as string, { issuer: 'hooks' });
}

export function issueRefreshToken(userId: string): string {
  // ok: sessions/jwt-no-expiry, sessions/jwt-expiry-above-policy
  return jwt.sign({ sub: userId }, process.env.JWT_SECRET as string, { expiresIn: '7d' });
}

export async function verify(token: string) {
  // ok: sessions/jwt-alg-none
  return jwtVerify(token, key, { algorithms: ['HS256'] });
}

export function verifyAny(token: string) {
  // expect: sessions/jwt-alg-none
  return jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ['none'] });
}

export function verifyExpired(token: string) {
  // expect: sessions/jwt-expiry-not-checked
  return jwt.verify(token, process.env.JWT_SECRET as string, { ignoreExpiration: true });
}

export function verifyOptions(token: string, options: jwt.VerifyOptions) {
  // ok: sessions/jwt-alg-none, sessions/jwt-expiry-not-checked
  return jwt.verify(token, process.env.JWT_SECRET as string, options);
}

// expect: sessions/no-expiry
export const dashboardSessions = session({ secret: process.env.SESSION_SECRET as string, resave: false, saveUninitialized: false });

// ok: sessions/no-expiry, sessions/lifetime-above-policy
export const apiSessions = session({ secret: process.env.SESSION_SECRET as string, cookie: { expires: new Date(Date.now() + 3600000) } });

export const longSessions = session({
  secret: process.env.SESSION_SECRET as string,
  // expect: sessions/lifetime-above-policy
  cookie: { maxAge: 90 * 24 * 60 * 60 * 1000 },
});
