// Verifies and upgrades passwords stored by the previous platform.
import { Injectable } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { genSalt } from 'bcryptjs';
import { createHash, pbkdf2, pbkdf2Sync, scrypt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as argon2 from 'argon2';
import md5 from 'md5';
import sha1 from 'sha1';
import { BCRYPT_ROUNDS } from './auth.constants';

interface LegacyCredentials {
  login: string;
  password: string;
  salt: string;
}

@Injectable()
export class LegacyPasswordsService {
  hashForKiosk(password: string): string {
    // expect: hashing/bcrypt-low-cost
    return bcrypt.hashSync(password, 8);
  }

  hashForImport(password: string): string {
    // expect: hashing/bcrypt-below-policy
    return bcrypt.hashSync(password, 11);
  }

  saltForImport(): string {
    // expect: hashing/bcrypt-below-policy
    return bcrypt.genSaltSync(11);
  }

  saltForFixtures(): string {
    // expect: hashing/bcrypt-low-cost
    return bcrypt.genSaltSync(7);
  }

  async saltForMigration(): Promise<string> {
    // expect: hashing/bcrypt-below-policy
    return bcrypt.genSalt(10);
  }

  async quickSalt(): Promise<string> {
    // expect: hashing/bcrypt-low-cost
    return genSalt(6);
  }

  async standardSalt(): Promise<string> {
    // ok: hashing/bcrypt-low-cost, hashing/bcrypt-below-policy
    return bcrypt.genSalt(BCRYPT_ROUNDS);
  }

  async matches(password: string, stored: string): Promise<boolean> {
    // ok: hashing/bcrypt-low-cost, hashing/bcrypt-below-policy
    return bcrypt.compare(password, stored);
  }

  phpDigest(credentials: LegacyCredentials): string {
    // expect: hashing/fast-hash-on-password
    return createHash('md5').update(credentials.password).digest('hex');
  }

  forumDigest(credentials: LegacyCredentials): string {
    // expect: hashing/fast-hash-on-password
    return createHash('sha1').update(credentials.salt).update(credentials.password).digest('hex');
  }

  packageDigests(password: string): [string, string] {
    // expect: hashing/fast-hash-on-password
    const a = md5(password);
    // expect: hashing/fast-hash-on-password
    const b = sha1(password);
    return [a, b];
  }

  gravatarKey(login: string): string {
    // ok: hashing/fast-hash-on-password
    return md5(login.trim().toLowerCase());
  }

  async backupChecksum(path: string): Promise<string> {
    // ok: hashing/fast-hash-on-password
    return createHash('sha1').update(await readFile(path)).digest('hex');
  }

  deriveExportKey(password: string, salt: Buffer): Buffer {
    // expect: hashing/pbkdf2-low-iterations
    return pbkdf2Sync(password, salt, 100_000, 32, 'sha256');
  }

  deriveBackupKey(password: string, salt: Buffer, done: (err: Error | null, key: Buffer) => void): void {
    // expect: hashing/pbkdf2-low-iterations
    pbkdf2(password, salt, 300000, 32, 'sha256', done);
    // ok: hashing/pbkdf2-low-iterations
    pbkdf2(password, salt, 300000, 64, 'sha512', done);
  }

  async argonDataDependent(password: string): Promise<string> {
    // expect: hashing/argon2-not-argon2id
    return argon2.hash(password, { type: argon2.argon2d, memoryCost: 65536, timeCost: 3 });
  }

  scryptLegacy(password: string, salt: Buffer, done: (err: Error | null, key: Buffer) => void): void {
    // expect: hashing/scrypt-low-cost
    scrypt(password, salt, 64, { cost: 16384, blockSize: 8, parallelization: 1 }, done);
  }

  scryptCurrent(password: string, salt: Buffer, done: (err: Error | null, key: Buffer) => void): void {
    // ok: hashing/scrypt-low-cost
    scrypt(password, salt, 64, { cost: 2 ** 17, blockSize: 8, maxmem: 256 * 1024 * 1024 }, done);
  }
}
