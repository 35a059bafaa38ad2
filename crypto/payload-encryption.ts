// Payload encryption: every workflow input, result, message and memo is sealed with AES-256-GCM
// before it leaves the process, so the Temporal server and its database hold only ciphertext.
// The key id travels in the payload's metadata; several keys may be configured (rotation): the first
// encrypts, all decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { activeKey, parseKeyRing, type KeyRing } from './key-ring';

const { Payload: PayloadProto } = proto.temporal.api.common.v1;
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type PayloadKeys = KeyRing;

/** PAYLOAD_KEYS: AES-256 keys, exactly 32 bytes each. */
export const parsePayloadKeys = (spec: string): PayloadKeys => parseKeyRing(spec, 'PAYLOAD_KEYS', { min: 32, max: 32 });

export function generatePayloadKey(kid = `p${Date.now().toString(36)}`): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = activeKey(this.keys);
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([iv, cipher.update(PayloadProto.encode(payload).finish()), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID]: utf8(this.keys.activeKid) }, data: sealed };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding && Buffer.from(payload.metadata.encoding).toString();
      if (encoding !== ENCRYPTED_ENCODING) return payload; // written before encryption was switched on
      const kid = Buffer.from(payload.metadata?.[KEY_ID] ?? []).toString();
      const key = this.keys.keys.get(kid);
      if (!key) throw new Error(`No payload key with id "${kid}" (was it rotated out too early?)`);
      const data = Buffer.from(payload.data ?? []);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return PayloadProto.decode(plain);
    });
  }
}
