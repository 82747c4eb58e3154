import { Injectable } from '@nestjs/common';
import { createHash, pbkdf2Sync, scryptSync } from 'node:crypto';
import * as argon2 from 'argon2';
import CryptoJS from 'crypto-js';
import { ConfigService } from '@nestjs/config';

interface LoginDto {
  email: string;
  password: string;
}

@Injectable()
export class CredentialsService {
  constructor(private readonly config: ConfigService) {}

  legacyDigest(dto: LoginDto): string {
    // expect: hashing/fast-hash-on-password
    return createHash('sha256').update(dto.password).digest('hex');
  }

  legacyDigestCryptoJs(newPassword: string): string {
    // expect: hashing/fast-hash-on-password
    return CryptoJS.SHA1(newPassword).toString();
  }

  avatarCacheKey(email: string): string {
    // ok: hashing/fast-hash-on-password
    return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
  }

  webhookBodyDigest(body: Buffer): string {
    // ok: hashing/fast-hash-on-password
    return CryptoJS.SHA256(body.toString('utf8')).toString();
  }

  derive(password: string, salt: Buffer): Buffer {
    // expect: hashing/pbkdf2-low-iterations
    return pbkdf2Sync(password, salt, 10000, 32, 'sha1');
  }

  deriveStrong(password: string, salt: Buffer): Buffer {
    // ok: hashing/pbkdf2-low-iterations
    return pbkdf2Sync(password, salt, 1300000, 32, 'sha1');
  }

  deriveSha512(password: string, salt: Buffer): Buffer {
    // expect: hashing/pbkdf2-low-iterations
    return pbkdf2Sync(password, salt, 150000, 64, 'sha512');
  }

  deriveConfigured(password: string, salt: Buffer): Buffer {
    // ok: hashing/pbkdf2-low-iterations
    return pbkdf2Sync(password, salt, this.config.get<number>('PBKDF2_ROUNDS')!, 64, 'sha512');
  }

  async argon(password: string): Promise<string> {
    // expect: hashing/argon2-low-cost
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: 8192, timeCost: 2 });
  }

  async argonLegacy(password: string): Promise<string> {
    // expect: hashing/argon2-not-argon2id, hashing/argon2-low-cost
    return argon2.hash(password, { type: argon2.argon2i, timeCost: 1 });
  }

  async argonStrong(password: string): Promise<string> {
    // ok: hashing/argon2-low-cost, hashing/argon2-not-argon2id
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 1 });
  }

  async argonDefaults(password: string): Promise<string> {
    // ok: hashing/argon2-low-cost, hashing/argon2-not-argon2id
    return argon2.hash(password, { ...this.config.get('argon2') });
  }

  scrypt(password: string, salt: Buffer): Buffer {
    // expect: hashing/scrypt-low-cost
    return scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  }

  scryptStrong(password: string, salt: Buffer): Buffer {
    // ok: hashing/scrypt-low-cost
    return scryptSync(password, salt, 32, { N: 131072, r: 8, p: 1, maxmem: 268435456 });
  }
}
