import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Case messages (and outbox payloads, which carry the same text) are stored encrypted at rest with
// AES-256-GCM. Stored layout: [1 byte format][12 bytes IV][16 bytes auth tag][ciphertext].
// Format 1 = AES-256-GCM with DATA_KEY. Format 0 = plaintext marker: used when no DATA_KEY is set
// (one warning at start); such rows stay readable after a key is added later, and the marker lets
// an operator find them (`WHERE substr(body,1,1) = x'00'`).

const FORMAT_PLAIN = 0;
const FORMAT_GCM = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface CaseCrypto {
  readonly encrypted: boolean;
  seal(text: string): Buffer;
  /** Returns the text, or a placeholder when the row was encrypted and no/another key is configured. */
  open(blob: Buffer | Uint8Array | null | undefined): string;
}

/** Accepts 64 hex characters or base64 for 32 bytes (the same rule as config.DATA_KEY). */
export function parseDataKey(value: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('DATA_KEY must be 32 bytes (64 hex characters or base64)');
  return key;
}

export const UNREADABLE = '[encrypted: DATA_KEY missing or different]';

export function createCaseCrypto(dataKey: string | undefined, warn?: (message: string) => void): CaseCrypto {
  const key = dataKey ? parseDataKey(dataKey) : undefined;
  if (!key) warn?.('DATA_KEY is not set: hand-off messages are stored WITHOUT encryption (marked as plaintext)');
  return {
    encrypted: key !== undefined,
    seal(text) {
      const plain = Buffer.from(text, 'utf8');
      if (!key) return Buffer.concat([Buffer.from([FORMAT_PLAIN]), plain]);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_GCM]), iv, cipher.getAuthTag(), body]);
    },
    open(blob) {
      if (!blob || blob.length === 0) return '';
      const buf = Buffer.from(blob);
      if (buf[0] === FORMAT_PLAIN) return buf.subarray(1).toString('utf8');
      if (buf[0] !== FORMAT_GCM || !key) return UNREADABLE;
      try {
        const iv = buf.subarray(1, 1 + IV_BYTES);
        const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return UNREADABLE;
      }
    },
  };
}
