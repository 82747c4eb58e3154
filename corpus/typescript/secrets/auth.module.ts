import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import * as jose from 'jose';
import { createClient } from 'redis';
import amqp from 'amqplib';

// expect: secrets/jose-key-literal
const secret = new TextEncoder().encode('cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2');
// ok: secrets/jose-key-literal
const rotatingKey = new TextEncoder().encode(process.env.JOSE_SECRET ?? '');
// ok: secrets/jose-key-literal
const banner = new TextEncoder().encode('accounts-service ready');

export async function issue(subject: string): Promise<string> {
  return new jose.SignJWT({ sub: subject })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('15m')
    // expect: secrets/jose-key-literal
    .sign(new TextEncoder().encode('9QeWJKY40uvSwMFL6ilI8ihN5KXSc7Tv'));
}

export async function check(token: string) {
  return jose.jwtVerify(token, secret);
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(config: ConfigService) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // ok: secrets/jwt-secret-literal
      secretOrKey: config.get<string>('JWT_SECRET'),
    });
  }
}

@Module({
  imports: [
    ConfigModule.forRoot(),
    JwtModule.register({
      // expect: secrets/jwt-secret-literal
      secret: '88HxjSI6bWHtP3fS2qHx6kwX',
      signOptions: { expiresIn: '1h' },
    }),
  ],
})
export class AuthModule {}

// expect: secrets/redis-url-password
export const cache = createClient({ url: 'rediss://default:UkkibjL5DZPjN0ME@cache-prod.x7kq2.cache.amazonaws.com:6380' });
// ok: secrets/redis-url-password
export const localCache = createClient({ url: 'redis://:devpassword@localhost:6379' });

export async function broker() {
  // expect: secrets/amqp-url-password
  const conn = await amqp.connect('amqps://orders:1id6Vw5DQL05HA06@mq.prod.internal:5671/orders');
  // ok: secrets/amqp-url-password
  const audit = await amqp.connect(`amqp://audit:${process.env.AUDIT_MQ_PASSWORD}@mq.prod.internal:5672`);
  return { conn, audit };
}

// expect: secrets/mysql-url-password
export const legacyDsn = 'mysql://erp:mrcXgGCJbW56eCuN@mysql-erp.prod.internal:3306/erp';
// ok: secrets/mysql-url-password
export const devDsn = 'mysql://root:root@127.0.0.1:3306/erp';

// ok: secrets/url-credentials
export const docsFeed = 'https://user:password@feeds.example.com/releases';
// expect: secrets/url-credentials
export const artifactFeed = 'https://deploy:BenQtYh5Xj8TPQxj@artifacts.corp-tools.net/npm/';

export const labels = {
  // ok: secrets/hardcoded-password
  password: 'Password',
  // ok: secrets/hardcoded-secret
  sessionToken: 'Session token',
};
