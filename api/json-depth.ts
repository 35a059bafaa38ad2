// No request body goes deeper than any of udmeld's inputs can (a table's computed column in a
// questionnaire is the deepest: 8 levels to the expression, and 2 for each of its 6 operations): anything deeper is refused before it reaches a validator or Temporal's
// payload converter, with the path where it went too deep. Iterative, so no depth overflows a stack.
import type { FieldIssue } from '../domain/zod';

export const MAX_JSON_DEPTH = 24;

/** The first place a value nests deeper than `max`, or undefined. */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): FieldIssue | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value: current, path } = next;
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= max) return { path: path.join('.'), message: `Indholdet er indlejret for dybt (højst ${max} niveauer)` };
    for (const [key, child] of Object.entries(current)) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}
