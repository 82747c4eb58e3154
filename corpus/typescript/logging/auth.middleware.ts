// Express (TypeScript) authentication middleware with the logging stacks the
// team has accumulated: console, winston, pino-http, bunyan, log4js, debuglog.
import { NextFunction, Request, Response } from 'express';
import winston from 'winston';
import bunyan from 'bunyan';
import log4js from 'log4js';
import { debuglog } from 'node:util';
import { redact } from '../common/redaction';
import { findUser, verifyOtp } from './accounts';

const logger = winston.createLogger({ transports: [new winston.transports.Console()] });
const security = bunyan.createLogger({ name: 'security' });
const audit = log4js.getLogger('audit');
const debug = debuglog('auth');

export async function login(req: Request, res: Response, next: NextFunction): Promise<void> {
  const { email, password } = req.body as { email: string; password: string };
  // expect: logging/personal-data-in-log
  logger.info('login attempt', { email });
  // ok: logging/personal-data-in-log
  logger.info('login attempt', { email: redact(email), ip: req.ip });
  // expect: logging/whole-object-in-log
  req.log.debug({ ...req.body }, 'login payload');
  const user = await findUser(email);
  if (!user) {
    // expect: logging/personal-data-in-log
    console.warn(`login failed for ${email}`);
    // ok: logging/personal-data-in-log
    console.warn('login failed', { emailLength: email.length });
    res.status(401).end();
    return;
  }
  // expect: logging/secret-in-log
  debug('checking %s against %s', password, user.passwordHash);
  // ok: logging/secret-in-log
  debug('checking password for user %s', user.id);
  // expect: logging/whole-object-in-log
  audit.info('login', user);
  // ok: logging/whole-object-in-log
  audit.info('login', { userId: user.id, roles: user.roles.length });
  next();
}

export async function secondFactor(req: Request, res: Response): Promise<void> {
  const otp = String(req.body.otp);
  // expect: logging/secret-in-log
  audit.warn('second factor for %s: %s', req.params.userId, otp);
  // expect: logging/whole-object-in-log
  security.error({ headers: req.headers }, 'second factor rejected');
  // expect: logging/whole-object-in-log
  console.debug('second factor body', req.body);
  // ok: logging/whole-object-in-log, logging/secret-in-log
  security.error({ userId: req.params.userId, headerCount: Object.keys(req.headers).length }, 'second factor rejected');
  // ok: logging/secret-in-log
  logger.info('password reset requested', { userId: req.params.userId });
  res.status((await verifyOtp(req.params.userId, otp)) ? 204 : 401).end();
}
