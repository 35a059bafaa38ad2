// Reading an untrusted input field by field without a validation library, for the code that runs
// in every cached municipality workflow (zod costs each of them over a megabyte; see
// docs/benchmarks.md). Messages are the same Danish ones the zod schemas give.
import { ACTOR_FIELDS, KEY_ID, PERSON_ID, ROLES, type Actor } from './actors';
import type { FieldIssue } from './issues';
import { CODE_DIGITS, CODE_FORMAT, isRespondent, UNKNOWN_CODE } from './municipalities';
import { NO_LINE_BREAKS, oneLine, UNUSABLE_CHARACTERS, usableText } from './text-rules';
import { DATE_FORMAT, ISO_DATE, isValidDate, NO_SUCH_DATE, type IsoDate } from './time';

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

export interface TextRule {
  max: number;
  min?: number;
  /** The message when shorter than `min` (an empty required field). */
  minMessage?: string;
  multiline?: boolean;
}

/** Collects the issues of one input while its fields are read. */
export class Checker {
  readonly issues: FieldIssue[] = [];

  fail(path: string, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }

  /** The checked parts as one value, once none of them failed (a part is undefined only where it failed, or is optional). */
  done<T extends object>(parts: { [K in keyof T]: T[K] | undefined }): Checked<T> {
    return this.issues.length ? { ok: false, issues: this.issues } : { ok: true, value: parts as T };
  }

  /** A plain object whose every key is known (unknown keys are one issue at the object's path). */
  object(value: unknown, path: string, known: readonly string[], message = 'Skal være et objekt'): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(path, message);
    const unknown = Object.keys(value).filter((k) => !known.includes(k));
    if (unknown.length)
      this.fail(path, `${unknown.length > 1 ? 'Ukendte nøgler' : 'Ukendt nøgle'}: ${unknown.map((k) => `"${k}"`).join(', ')}`);
    return value as Record<string, unknown>;
  }

  /** A text, trimmed; absent only where `fallback` is given. */
  text(value: unknown, path: string, rule: TextRule, fallback?: string): string | undefined {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'string') return this.fail(path, value === undefined ? 'Feltet skal udfyldes' : 'Skal være tekst');
    const text = value.trim();
    const before = this.issues.length;
    if (text.length < (rule.min ?? 0)) this.fail(path, rule.minMessage ?? `Mindst ${rule.min} tegn`);
    if (text.length > rule.max) this.fail(path, `Højst ${rule.max} tegn`);
    if (!rule.multiline && !oneLine(text)) this.fail(path, NO_LINE_BREAKS);
    if (!usableText(text)) this.fail(path, UNUSABLE_CHARACTERS);
    return this.issues.length === before ? text : undefined;
  }

  isoDate(value: unknown, path: string): IsoDate | undefined {
    if (typeof value !== 'string' || !ISO_DATE.test(value))
      return this.fail(path, value === undefined ? 'Feltet skal udfyldes' : DATE_FORMAT);
    return isValidDate(value) ? value : this.fail(path, NO_SUCH_DATE);
  }

  /** "461" as well as "0461". */
  municipalityCode(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || !CODE_DIGITS.test(value.trim())) return this.fail(path, CODE_FORMAT);
    const code = value.trim().padStart(4, '0');
    return isRespondent(code) ? code : this.fail(path, UNKNOWN_CODE);
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[], message: string): T | undefined {
    return typeof value === 'string' && (options as readonly string[]).includes(value) ? (value as T) : this.fail(path, message);
  }

  /** Who gives a command (set by the API from the caller's access, never typed by a person). */
  actor(value: unknown, path: string): Actor | undefined {
    const o = this.object(value, path, ACTOR_FIELDS);
    if (!o) return undefined;
    const role = this.oneOf(o.role, at(path, 'role'), ROLES, 'Ukendt rolle');
    const name = this.text(o.name, at(path, 'name'), { min: 1, max: 120 });
    const email = o.email === undefined ? undefined : this.text(o.email, at(path, 'email'), { max: 254 });
    if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) this.fail(at(path, 'email'), 'Ugyldig e-mailadresse');
    const personId = this.optionalPattern(o.personId, at(path, 'personId'), PERSON_ID);
    const subject = o.subject === undefined ? undefined : this.text(o.subject, at(path, 'subject'), { min: 1, max: 255 });
    const keyId = this.optionalPattern(o.keyId, at(path, 'keyId'), KEY_ID);
    if (role === undefined || name === undefined) return undefined;
    return {
      role,
      name,
      ...(email ? { email } : {}),
      ...(personId ? { personId } : {}),
      ...(subject ? { subject } : {}),
      ...(keyId ? { keyId } : {}),
    };
  }

  private optionalPattern(value: unknown, path: string, pattern: RegExp): string | undefined {
    if (value === undefined) return undefined;
    return typeof value === 'string' && pattern.test(value) ? value : this.fail(path, 'Ugyldigt id');
  }
}
