// How udmeld refuses something, whoever asks: the kind says what a caller can do about it (fix a
// field, wait, sign in), the issues name each bad field. HTTP and the pages map kinds to statuses.
import { fieldIssues, type FieldIssue, type z } from './zod';

export type UdmeldErrorKind =
  'invalid_input' | 'invalid_state' | 'not_found' | 'conflict' | 'unavailable' | 'unauthorized' | 'forbidden' | 'too_many_attempts';

export class UdmeldError extends Error {
  constructor(
    readonly kind: UdmeldErrorKind,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'UdmeldError';
  }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new UdmeldError('invalid_input', 'Ugyldige oplysninger', fieldIssues(result.error));
  }
  return result.data;
}

/** Who is asking could not be established (no, an unknown, an expired or a revoked token). */
export const unauthorized = (detail: string) => new UdmeldError('unauthorized', detail);

/** Too many failed attempts from an address or at one credential: try again after so many seconds. */
export class TooManyAttempts extends UdmeldError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_attempts', `For mange mislykkede forsøg. Prøv igen om ${Math.ceil(retryAfterSeconds / 60)} minutter.`);
  }
}

/** Who is asking may not do this. */
export const forbidden = (detail = 'Din adgang omfatter ikke dette') => new UdmeldError('forbidden', detail);
