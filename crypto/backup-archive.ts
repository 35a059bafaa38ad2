// A backup is one file: a readable manifest (versions, time, migration level, each part's size and
// checksum; nothing personal), then the parts sealed together with AES-256-GCM under a backup key
// that is kept apart from the file (BACKUP_KEYS, "kid:base64", 32 bytes; the first seals, all open).
// The manifest is the cipher's additional data, so a changed manifest is refused like changed data.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { activeKey, parseKeyRing, type KeyRing } from './key-ring';

const MAGIC = 'UDMELD-BACKUP 1\n';

export type BackupKeys = KeyRing;
export const parseBackupKeys = (spec: string): BackupKeys => parseKeyRing(spec, 'BACKUP_KEYS', { min: 32, max: 32 });
export const generateBackupKey = (kid = `b${Date.now().toString(36)}`) => `${kid}:${randomBytes(32).toString('base64')}`;

export interface BackupPart {
  name: string;
  data: Buffer;
}

export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** What wrote it: udmeld's version and commit, Node's version. */
  software: { udmeld: string; commit?: string; node: string };
  /** The last migration applied to the record. */
  migrationLevel: string;
  record: { kind: 'embedded' | 'postgres' };
  temporal: { kind: 'sqlite' | 'postgres' | 'none' };
  parts: { name: string; bytes: number; sha256: string }[];
  encryption: { algorithm: 'AES-256-GCM'; keyId: string; iv: string };
}

export class BackupError extends Error {}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export async function writeArchive(
  file: string,
  about: Omit<BackupManifest, 'format' | 'parts' | 'encryption'>,
  parts: BackupPart[],
  keys: BackupKeys,
): Promise<BackupManifest> {
  const iv = randomBytes(12);
  const manifest: BackupManifest = {
    format: 1,
    ...about,
    parts: parts.map((p) => ({ name: p.name, bytes: p.data.length, sha256: sha256(p.data) })),
    encryption: { algorithm: 'AES-256-GCM', keyId: keys.activeKid, iv: iv.toString('base64') },
  };
  const head = Buffer.from(`${MAGIC}${JSON.stringify(manifest)}\n`);
  const cipher = createCipheriv('aes-256-gcm', activeKey(keys), iv);
  cipher.setAAD(head);
  const sealed = Buffer.concat([...parts.map((p) => cipher.update(p.data)), cipher.final(), cipher.getAuthTag()]);
  await writeFile(file, Buffer.concat([head, sealed]), { mode: 0o600 });
  return manifest;
}

/** The manifest alone: readable without the key. */
export async function readManifest(file: string): Promise<BackupManifest> {
  return split(await readFile(file)).manifest;
}

export async function readArchive(file: string, keys: BackupKeys): Promise<{ manifest: BackupManifest; parts: Map<string, Buffer> }> {
  const { manifest, head, sealed } = split(await readFile(file));
  const key = keys.keys.get(manifest.encryption.keyId);
  if (!key) throw new BackupError(`Sikkerhedskopien er krypteret med nøglen "${manifest.encryption.keyId}", som ikke er i BACKUP_KEYS`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(manifest.encryption.iv, 'base64'));
  decipher.setAAD(head);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  } catch {
    throw new BackupError('Sikkerhedskopien kan ikke åbnes: forkert nøgle, eller filen er ændret eller ufuldstændig');
  }
  const parts = new Map<string, Buffer>();
  let at = 0;
  for (const part of manifest.parts) {
    const data = plain.subarray(at, at + part.bytes);
    at += part.bytes;
    if (sha256(data) !== part.sha256) throw new BackupError(`Delen ${part.name} har ikke den kontrolsum, manifestet angiver`);
    parts.set(part.name, data);
  }
  return { manifest, parts };
}

function split(file: Buffer): { manifest: BackupManifest; head: Buffer; sealed: Buffer } {
  if (file.subarray(0, MAGIC.length).toString() !== MAGIC) throw new BackupError('Filen er ikke en udmeld-sikkerhedskopi');
  const end = file.indexOf(0x0a, MAGIC.length);
  if (end < 0) throw new BackupError('Sikkerhedskopiens manifest er ufuldstændigt');
  const manifest = JSON.parse(file.subarray(MAGIC.length, end).toString()) as BackupManifest;
  if (manifest.format !== 1) throw new BackupError(`Ukendt format: ${String(manifest.format)}`);
  return { manifest, head: file.subarray(0, end + 1), sealed: file.subarray(end + 1) };
}
