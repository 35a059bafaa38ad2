// Search across every round: what can be found (kinds), who may find what, and what a hit is. The
// index itself is the record's (db/migrations/0016_search.sql); the ranking and excerpts are
// PostgreSQL's full-text search in Danish.
import type { AccessRole } from './actors';
import { cuIdSchema } from './cu';
import { municipalityCodeSchema, regionCodeSchema, z } from './zod';

export const SEARCH_KINDS = {
  cu: 'Central udmelding',
  question: 'Spørgsmål',
  answer: 'Besvarelse',
  revision: 'Bemærkning ved revision',
  decision: 'Beslutning',
  report: 'Afrapportering',
} as const;
export type SearchKind = keyof typeof SEARCH_KINDS;
const KIND_NAMES = Object.keys(SEARCH_KINDS) as [SearchKind, ...SearchKind[]];

/** What each role may find: directors see what their view shows (no answers, no revision comments). */
export const SEARCHABLE: Record<AccessRole, readonly SearchKind[]> = {
  secretariat: KIND_NAMES,
  director: ['cu', 'question', 'decision', 'report'],
  // A contact (or the regional council's link) finds only its own answers.
  municipality: ['answer'],
  region: ['answer'],
};

const KIND_LIST = new RegExp(`^(${KIND_NAMES.join('|')})(,(${KIND_NAMES.join('|')}))*$`);

export const searchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(2, 'Skriv mindst to tegn')
    .max(200, 'Højst 200 tegn')
    .regex(/[\p{L}\p{N}]/u, 'Skriv mindst ét ord'),
  /** One or more kinds, comma-separated. */
  kind: z
    .string()
    .max(200)
    .regex(KIND_LIST, `Ukendt art; brug ${KIND_NAMES.join(', ')}`)
    .optional(),
  regionCode: regionCodeSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  templateId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Ugyldigt skabelon-id')
    .optional(),
  cuId: cuIdSchema.optional(),
  municipalityCode: municipalityCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export const searchHitSchema = z.object({
  kind: z.enum(KIND_NAMES),
  kindLabel: z.string(),
  cuId: z.string(),
  cuTitle: z.string(),
  municipalityCode: z.string().optional(),
  respondent: z.string().optional(),
  title: z.string(),
  /** The excerpt in pieces; `hit` marks the words the query matched. */
  excerpt: z.array(z.object({ text: z.string(), hit: z.boolean() })),
  at: z.string(),
  /** Where the hit lives, for the caller. */
  link: z.string(),
});
export type SearchHit = z.output<typeof searchHitSchema>;

export const searchResultSchema = z.object({ hits: z.array(searchHitSchema), more: z.boolean() });

/** ts_headline's marks around matched words (characters no text in the record holds). */
export const HIT_START = '\u0001';
export const HIT_END = '\u0002';

export function excerptPieces(marked: string): { text: string; hit: boolean }[] {
  const pieces: { text: string; hit: boolean }[] = [];
  for (const part of marked.split(HIT_START)) {
    const [hit, rest] = part.includes(HIT_END) ? part.split(HIT_END, 2) : [undefined, part];
    if (hit) pieces.push({ text: hit, hit: true });
    if (rest) pieces.push({ text: rest, hit: false });
  }
  return pieces;
}
