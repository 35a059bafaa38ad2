// What a person becomes when their data is erased or has expired: a pseudonym that keeps the trail
// readable ("en kontaktperson i Odense Kommune"), chosen from where the record knew them.
import type { AnswerValues, ServiceRow, TableRow } from './answer';
import { respondentName } from './municipalities';
import { questionsOf, type Questionnaire } from './questionnaire';
import { z } from './zod';

const as = z.enum(['contact', 'director']);
/** Everything the record holds about one person (Article 15). */
export const personalDataSchema = z.object({
  email: z.string(),
  people: z.array(
    z.object({
      id: z.string(),
      role: z.string(),
      kind: z.string(),
      name: z.string(),
      municipalityCode: z.string().nullable(),
      createdAt: z.string(),
      revokedAt: z.string().nullable(),
    }),
  ),
  sessions: z.array(
    z.object({ personId: z.string(), method: z.string(), createdAt: z.string(), lastSeenAt: z.string(), userAgent: z.string() }),
  ),
  /** Where the contact register names them (a municipality's contact or its social director). */
  register: z.array(z.object({ municipalityCode: z.string(), as, name: z.string().nullable() })),
  /** The rounds they were asked in, and whether the round is still open (a legal hold on erasure). */
  rounds: z.array(z.object({ cuId: z.string(), municipalityCode: z.string(), as, name: z.string().nullable(), open: z.boolean() })),
  /** What they did, as the audit trail has it. */
  actions: z.array(
    z.object({
      at: z.string(),
      kind: z.string(),
      cuId: z.string().nullable(),
      municipalityCode: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  /** The e-mails sent to them. */
  mail: z.array(
    z.object({
      template: z.string(),
      cuId: z.string().nullable(),
      municipalityCode: z.string().nullable(),
      sentAt: z.string().nullable(),
      status: z.string(),
    }),
  ),
});
export type PersonalData = z.output<typeof personalDataSchema>;
export const erasureResultSchema = z.object({ pseudonym: z.string(), changed: z.number() });

export interface KnownAs {
  register: { municipalityCode: string; as: 'contact' | 'director' }[];
  rounds: { municipalityCode: string; as: 'contact' | 'director' }[];
  people: { role: string; municipalityCode: string | null }[];
}

const ROLE_WORDS: Record<string, string> = {
  secretariat: 'en medarbejder i sekretariatet',
  director: 'et medlem af Socialdirektørforum',
  region: 'en kontaktperson i regionen',
};

export function pseudonymOf(known: KnownAs): string {
  const where = known.rounds.at(-1) ?? known.register.at(-1);
  if (where)
    return where.as === 'director'
      ? `socialdirektøren i ${respondentName(where.municipalityCode)}`
      : `en kontaktperson i ${respondentName(where.municipalityCode)}`;
  const person = known.people[0];
  if (person?.municipalityCode) return `en kontaktperson i ${respondentName(person.municipalityCode)}`;
  return ROLE_WORDS[person?.role ?? ''] ?? 'en person';
}

/** What a free-text answer says once its retention period has run out. */
export const EXPIRED_TEXT = '[slettet efter opbevaringsperioden]';

/** The answer without its free text (text questions, text cells of tables, the offers' names), all else kept. */
export function withoutFreeText(questionnaire: Questionnaire, values: AnswerValues): AnswerValues {
  const out: AnswerValues = { ...values };
  for (const q of questionsOf(questionnaire)) {
    const value = out[q.id];
    if (value === undefined) continue;
    if (q.kind === 'text' && typeof value === 'string' && value) out[q.id] = EXPIRED_TEXT;
    if (q.kind === 'table' && Array.isArray(value)) {
      const texts = q.columns.filter((c) => c.kind === 'text').map((c) => c.id);
      out[q.id] = (value as TableRow[]).map((row) => ({
        ...row,
        ...Object.fromEntries(texts.filter((id) => row[id]).map((id) => [id, EXPIRED_TEXT])),
      }));
    }
    if (q.kind === 'services' && Array.isArray(value))
      out[q.id] = (value as ServiceRow[]).map((row) => ({ ...row, ...(row.providerName ? { providerName: EXPIRED_TEXT } : {}) }));
  }
  return out;
}

/** Who did something, once their name may no longer be kept: their role, and their municipality where known. */
export function pseudonymForActor(role: string, code?: string | null): string {
  if (role === 'municipality') return code ? `en kontaktperson i ${respondentName(code)}` : 'en kommunal kontaktperson';
  return ROLE_WORDS[role] ?? 'en person';
}
