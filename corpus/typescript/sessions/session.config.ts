// Session middleware of the NestJS back office (express-session under the
// hood) and the cookie-session used by the status page.
import { INestApplication } from '@nestjs/common';
import session from 'express-session';
import cookieSession from 'cookie-session';

const DAY_MS = 24 * 60 * 60 * 1000;

export function configureSessions(app: INestApplication): void {
  app.use(
    // Renewed on every request and never bounded.
    // expect: sessions/no-expiry
    session({
      secret: process.env.SESSION_SECRET as string,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, secure: true, sameSite: 'strict' },
    }),
  );
}

export function configureIdleSessions(app: INestApplication): void {
  // ok: sessions/no-expiry, sessions/lifetime-above-policy
  app.use(session({ secret: process.env.SESSION_SECRET as string, resave: false, saveUninitialized: false, rolling: true, cookie: { httpOnly: true, secure: true, maxAge: 20 * 60 * 1000 } }));
}

export function configureRememberedSessions(app: INestApplication): void {
  // ok: sessions/no-expiry, sessions/lifetime-above-policy
  app.use(session({ secret: process.env.SESSION_SECRET as string, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: true, maxAge: 7 * DAY_MS } }));
}

export const longLived = session({
  secret: process.env.SESSION_SECRET as string,
  resave: false,
  saveUninitialized: false,
  cookie: {
    httpOnly: true,
    secure: true,
    // expect: sessions/lifetime-above-policy
    maxAge: 45 * 24 * 60 * 60 * 1000,
  },
});

export const statusPage = cookieSession({
  name: 'status_session',
  keys: [process.env.STATUS_COOKIE_KEY as string],
  // expect: sessions/lifetime-above-policy
  maxAge: 180 * 24 * 60 * 60 * 1000,
});

export const statusPageShort = cookieSession({
  name: 'status_session',
  keys: [process.env.STATUS_COOKIE_KEY as string],
  // ok: sessions/lifetime-above-policy
  maxAge: 12 * 60 * 60 * 1000,
});
