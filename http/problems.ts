// Errors as application/problem+json (RFC 9457), with the fields and reasons in Danish.
import type { ErrorRequestHandler, Response } from 'express';
import { databaseUnavailable } from '../db/unavailable';
import { TooManyAttempts, UdmeldError, type UdmeldErrorKind } from '../domain/errors';
import type { FieldIssue } from '../domain/zod';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

const KIND_STATUS: Record<UdmeldErrorKind, [number, string]> = {
  invalid_input: [400, 'Ugyldige oplysninger'],
  invalid_state: [409, 'Handlingen er ikke mulig nu'],
  not_found: [404, 'Findes ikke'],
  conflict: [409, 'Findes allerede'],
  unavailable: [503, 'Tjenesten er midlertidigt utilgængelig'],
  unauthorized: [401, 'Adgang kræver login'],
  forbidden: [403, 'Ingen adgang'],
  too_many_attempts: [429, 'For mange forsøg'],
};

const KIND_HEADERS: Partial<Record<UdmeldErrorKind, Record<string, string>>> = {
  unavailable: { 'Retry-After': '5' },
  unauthorized: { 'WWW-Authenticate': 'Bearer realm="udmeld"' },
};

export function sendProblem(res: Response, problem: HttpProblem): void {
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      ...(problem.errors.length ? { errors: problem.errors } : {}),
    });
}

export function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof UdmeldError) {
    const [status, title] = KIND_STATUS[err.kind];
    const wait: Record<string, string> = err instanceof TooManyAttempts ? { 'Retry-After': String(err.retryAfterSeconds) } : {};
    return new HttpProblem(status, title, err.message, err.issues, { ...KIND_HEADERS[err.kind], ...wait });
  }
  // Anything that reads the record directly (sign-in, sessions, keys) as the Udmeld client does.
  if (databaseUnavailable(err))
    return new HttpProblem(503, KIND_STATUS.unavailable[1], 'Databasen kan ikke nås lige nu', [], { 'Retry-After': '5' });
  const e = err as { type?: string; status?: number };
  if (e.type === 'entity.too.large') return new HttpProblem(413, 'Forespørgslen er for stor', 'Højst 256 kB');
  if (e.type === 'entity.parse.failed') return new HttpProblem(400, 'Ugyldig JSON', 'Forespørgslens indhold kunne ikke læses som JSON');
  if (e.status && e.status >= 400 && e.status < 500) return new HttpProblem(e.status, 'Ugyldig forespørgsel');
  return new HttpProblem(500, 'Intern fejl', 'Der skete en uventet fejl. Prøv igen, eller kontakt sekretariatet.');
}

export const problemHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const problem = toProblem(err);
  // Only the error's class and message: request bodies may hold personal data.
  if (problem.status >= 500 && problem.status !== 503) console.error(`[api] ${(err as Error)?.name}: ${(err as Error)?.message}`);
  sendProblem(res, problem);
};
