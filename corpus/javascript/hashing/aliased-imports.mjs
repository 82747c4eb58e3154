import bcryptjs from 'bcryptjs';
import { hash as hashPassword, genSalt } from 'bcrypt';
import * as legacy from 'bcryptjs';

export async function createAccount(db, email, password) {
  // expect: hashing/bcrypt-low-cost
  const digest = await hashPassword(password, 4);
  await db.insert('accounts', { email, digest });
}

export async function rotate(db, account, password) {
  // expect: hashing/bcrypt-below-policy
  const salt = await genSalt(10);
  // expect: hashing/bcrypt-below-policy
  const digest = await bcryptjs.hash(password, 11);
  // ok: hashing/bcrypt-low-cost, hashing/bcrypt-below-policy
  const strong = await legacy.hash(password, 13);
  await db.update('accounts', account.id, { digest, strong, salt });
}

export function verify(password, digest) {
  // compare takes the stored hash, never a cost
  // ok: hashing/bcrypt-low-cost
  return legacy.compare(password, digest, 4);
}
