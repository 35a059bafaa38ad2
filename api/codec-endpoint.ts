// The remote codec for the Temporal Web UI: decodes (and encodes) payloads for the secretariat, so
// the UI can show what the server only holds encrypted. Protocol: POST {payloads:[{metadata,data}]}
// with base64 fields, as the UI sends them.
import { Router, type RequestHandler } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from '../domain/zod';
import { authenticate, type AccessOptions } from '../auth/authenticate';
import { forbidden } from '../domain/errors';
import { HttpProblem } from '../http/problems';

const base64 = z
  .string()
  .max(4_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Skal være base64');
const bodySchema = z.strictObject({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(1000),
});

const toPayload = (p: z.output<typeof bodySchema>['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const fromPayload = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

export function codecRouter(codec: PayloadCodec | undefined, access: AccessOptions, allowedOrigins: string[]): Router {
  const router = Router();
  router.use('/codec', (req, res, next) => {
    const origin = req.get('origin');
    if (origin && allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') return void res.sendStatus(204);
    next();
  });
  const handle =
    (direction: 'encode' | 'decode'): RequestHandler =>
    async (req, res, next) => {
      try {
        const caller = await authenticate(req, access);
        if (caller.role !== 'secretariat') throw forbidden('Kun sekretariatet kan se afkodede data');
        if (caller.via === 'key') throw forbidden('Integrationsnøgler kan ikke afkode data');
        if (!codec) throw new HttpProblem(404, 'Findes ikke', 'Kryptering af data er ikke slået til (PAYLOAD_KEYS)');
        const parsed = bodySchema.safeParse(req.body);
        if (!parsed.success)
          throw new HttpProblem(
            400,
            'Ugyldige oplysninger',
            'payloads skal være en liste',
            parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          );
        const payloads = parsed.data.payloads.map(toPayload);
        const out = direction === 'decode' ? await codec.decode(payloads) : await codec.encode(payloads);
        res.json({ payloads: out.map(fromPayload) });
      } catch (err) {
        next(
          err instanceof Error && !(err instanceof HttpProblem) && /key|auth|decipher/i.test(err.message)
            ? new HttpProblem(400, 'Kan ikke afkodes', err.message)
            : err,
        );
      }
    };
  router.post('/codec/decode', handle('decode'));
  router.post('/codec/encode', handle('encode'));
  return router;
}
