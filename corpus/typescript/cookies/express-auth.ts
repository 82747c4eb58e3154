// Express (TypeScript) auth service: server-side sessions for the web app,
// cookie-session for the support console, token cookies for the SPA.
import express, { Request, Response, Router } from 'express';
import session from 'express-session';
import cookieSession from 'cookie-session';
import RedisStore from 'connect-redis';
import { redis } from './redis';
import { issueTokens, TokenPair } from './tokens';

const isProduction = process.env.NODE_ENV === 'production';
export const app = express();

app.use(
  session({
    store: new RedisStore({ client: redis }),
    secret: process.env.SESSION_SECRET as string,
    resave: false,
    saveUninitialized: false,
    cookie: {
      // expect: cookies/httponly-disabled
      httpOnly: false,
      // expect: cookies/secure-disabled
      secure: false,
      sameSite: 'lax',
      maxAge: 8 * 60 * 60 * 1000,
    },
  }),
);

export const supportConsole = express();
supportConsole.use(
  cookieSession({
    name: 'support_session',
    keys: [process.env.SUPPORT_COOKIE_KEY as string],
    maxAge: 2 * 60 * 60 * 1000,
    // expect: cookies/httponly-disabled
    httpOnly: false,
    // ok: cookies/secure-disabled
    secure: isProduction,
  }),
);

export const partnerPortal = express();
partnerPortal.use(
  cookieSession({
    name: 'partner_session',
    keys: [process.env.PARTNER_COOKIE_KEY as string],
    maxAge: 60 * 60 * 1000,
    httpOnly: true,
    // expect: cookies/secure-disabled
    secure: false,
  }),
);

function setTokenCookies(res: Response, tokens: TokenPair): void {
  // expect: cookies/httponly-disabled
  res.cookie('access_token', tokens.access, { httpOnly: false, secure: true, sameSite: 'strict' });
  // expect: cookies/secure-missing
  res.cookie('refresh_token', tokens.refresh, { httpOnly: true, sameSite: 'strict', path: '/auth/refresh' });
  // expect: cookies/httponly-missing
  res.cookie('session_id', tokens.sessionId, { secure: true, sameSite: 'lax' });
  // expect: cookies/secure-disabled
  res.cookie('id_token', tokens.id, { httpOnly: true, secure: false });
  // expect: cookies/samesite-none-insecure, cookies/secure-missing
  res.cookie('sso_session', tokens.sessionId, { httpOnly: true, sameSite: 'none' });
}

const router: Router = express.Router();

router.post('/tokens', async (req: Request, res: Response) => {
  const tokens = await issueTokens(req.body.username, req.body.password);
  setTokenCookies(res, tokens);
  // ok: cookies/secure-missing, cookies/httponly-missing, cookies/samesite-none-insecure, cookies/secure-disabled
  res.cookie('auth_session', tokens.sessionId, { httpOnly: true, secure: true, sameSite: 'none' });
  // ok: cookies/secure-disabled, cookies/samesite-none-insecure
  res.cookie('auth_hint', '1', { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'none' });
  // ok: cookies/secure-missing, cookies/httponly-missing, cookies/httponly-disabled
  res.cookie('locale', req.acceptsLanguages()[0] ?? 'en', { httpOnly: false, maxAge: 31536000000 });
  res.status(204).end();
});

app.use('/auth', router);
