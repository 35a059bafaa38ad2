// The CU's commands are read with their zod schemas (a CU workflow is one of a handful cached).
import { fieldIssues, type z } from '../../domain/zod';
import { invalidInput } from '../failures';

/** Parses an Update's input, throwing a failure that names each bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(fieldIssues(result.error));
  return result.data;
}
