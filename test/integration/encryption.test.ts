// Payloads are encrypted before they reach Temporal: the history on the server is ciphertext, keys
// rotate, and the codec endpoint decodes for the secretariat only.
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { describe, expect, inject, test } from 'vitest';
import { EncryptionCodec, ENCRYPTED_ENCODING, generatePayloadKey, parsePayloadKeys } from '../../crypto/payload-encryption';
import { municipalityWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate } from '../../domain/time';
import { signInSecretariat } from '../support/api';
import { answerFor, AS_SECRETARIAT, asContact, launchRound, startCu } from '../../fixtures/round';
import { TEST_CREDENTIAL } from '../support/temporal';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const SECRET = 'HEMMELIG-BORGEROPLYSNING-4711';
const ANSWER = 'SVAR-DER-KUN-STAAR-I-POSTGRESQL';
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('the codec', () => {
  const old = generatePayloadKey('k1');
  const payload = { metadata: { encoding: utf8('json/plain') }, data: utf8(`"${SECRET}"`) };

  test('seals with the active key and opens after rotation; a tampered payload is refused', async () => {
    const [sealed] = await new EncryptionCodec(parsePayloadKeys(old)).encode([payload]);
    expect(Buffer.from(sealed!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(sealed!.metadata!['encryption-key-id']!).toString()).toBe('k1');
    expect(Buffer.from(sealed!.data!).toString('latin1')).not.toContain(SECRET);

    const rotated = new EncryptionCodec(parsePayloadKeys(`${generatePayloadKey('k2')},${old}`));
    const [opened] = await rotated.decode([sealed!]);
    expect(Buffer.from(opened!.data!).toString()).toBe(`"${SECRET}"`);
    const [resealed] = await rotated.encode([opened!]);
    expect(Buffer.from(resealed!.metadata!['encryption-key-id']!).toString()).toBe('k2');

    await expect(new EncryptionCodec(parsePayloadKeys(generatePayloadKey('k2'))).decode([sealed!])).rejects.toThrow('k1');
    const tampered = { ...sealed!, data: Buffer.from(sealed!.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(new EncryptionCodec(parsePayloadKeys(old)).decode([tampered])).rejects.toThrow();
  });

  test('keys must be 32 bytes', () => {
    expect(() => parsePayloadKeys(`k:${Buffer.alloc(16).toString('base64')}`)).toThrow('32 bytes');
  });
});

describe('on the server', () => {
  const { h, api } = useSystem({ api: true });

  test('the history holds only ciphertext, the codec endpoint decodes it for the secretariat, and no answer is in it at all', async () => {
    const cuId = `krypto-${Date.now().toString(36)}`;
    const today = copenhagenDate(Date.now());
    await h.udmeld.registerCu(startCu(cuId, { issuedOn: today, nationalDeadline: addDays(today, 100) }), AS_SECRETARIAT);
    await launchRound(h.udmeld, cuId, ['0461'], addDays(today, 30));
    // The contact's name is in the history (who acted), encrypted; the answer is only in the record.
    const contact = asContact(cuId, '0461');
    await h.udmeld.submitAnswer(
      cuId,
      '0461',
      { values: { ...answerFor('0461'), koordinering: ANSWER } },
      { ...contact, actor: { ...contact.actor, name: SECRET } },
    );
    await eventually(
      () => h.udmeld.fullCu(cuId, AS_SECRETARIAT),
      (s) => s.phase === 'drafting',
    );
    expect((await h.udmeld.municipality(cuId, '0461', AS_SECRETARIAT)).answer?.values.koordinering).toBe(ANSWER);

    // A client without the codec sees what the server stores.
    const connection = await Connection.connect({ address: inject('devServerAddress') });
    const raw = new Client({ connection });
    const history = JSON.parse(historyToJSON(await raw.workflow.getHandle(municipalityWorkflowId(cuId, '0461')).fetchHistory()));
    const parent = JSON.parse(historyToJSON(await raw.workflow.getHandle(`cu:${cuId}`).fetchHistory()));
    await connection.close();
    const payloads = [...collectPayloads(history), ...collectPayloads(parent)];
    expect(payloads.length).toBeGreaterThan(10);
    for (const p of payloads)
      expect(Buffer.from(p.metadata.encoding, 'base64').toString(), JSON.stringify(p).slice(0, 300)).toBe(ENCRYPTED_ENCODING);
    const everything = JSON.stringify([history, parent]);
    expect(everything).not.toContain(SECRET);
    expect(
      payloads.some((p) =>
        Buffer.from(p.data ?? '', 'base64')
          .toString('latin1')
          .includes(SECRET),
      ),
    ).toBe(false);

    // The Web UI's codec endpoint.
    const withSecret = payloads.find(() => true)!;
    const token = await signInSecretariat(api, TEST_CREDENTIAL);
    const decoded = await api.call('POST', '/codec/decode', { token, body: { payloads }, headers: { origin: 'http://localhost:8233' } });
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
    const plain = decoded.body.payloads.map((p: { data: string }) => Buffer.from(p.data, 'base64').toString()).join('\n');
    expect(plain).toContain(SECRET);
    expect(plain).not.toContain(ANSWER);
    expect((await api.call('POST', '/codec/decode', { body: { payloads: [withSecret] } })).status).toBe(401);
    const member = (await api.call('POST', '/api/people', { token, body: { name: 'Dorte Direktør', email: 'dorte@forum.test' } })).body;
    const director = new URL(
      (await api.call('POST', '/api/links', { token, body: { role: 'director', personId: member.id } })).body.url,
    ).searchParams.get('adgang')!;
    expect((await api.call('POST', '/codec/decode', { token: director, body: { payloads: [withSecret] } })).status).toBe(403);
    const key = (await api.call('POST', '/api/service-keys', { token, body: { name: 'Sagssystem', scopes: ['read'] } })).body.key;
    expect((await api.call('POST', '/codec/decode', { token: key, body: { payloads: [withSecret] } })).status).toBe(403);
    expect((await api.call('POST', '/codec/decode', { token, body: { payloads: 'alt' } })).status).toBe(400);
  });
});

function collectPayloads(node: unknown, out: { metadata: { encoding: string }; data?: string }[] = []) {
  if (Array.isArray(node)) node.forEach((n) => collectPayloads(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.metadata && typeof o.metadata === 'object' && 'encoding' in o.metadata) out.push(o as never);
    // Search attributes are indexed by the server, and patch markers are the SDK's own: neither is
    // encrypted, and neither holds anything from an answer.
    else
      Object.entries(o).forEach(([k, v]) => k !== 'searchAttributes' && k !== 'markerRecordedEventAttributes' && collectPayloads(v, out));
  }
  return out;
}
