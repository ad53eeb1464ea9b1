import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** A new time-ordered id (UUIDv7): sorts by creation, indexes well. */
export function newId(): string {
  return uuidv7();
}

/** A random secret of `bytes` bytes, base64url: 32 bytes = 256 bits for session tokens. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex of a token: only hashes of bearer secrets are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
