// A problem with one field of an input, as every validator in udmeld reports it.
export interface FieldIssue {
  /** Dotted path to the offending field, e.g. `values.tilbud.0.places`. Empty for the whole input. */
  path: string;
  message: string;
}

export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
