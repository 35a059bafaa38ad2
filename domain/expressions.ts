// Computed values and conditions of a questionnaire, as data: `deviation = actual − budget`, and
// "explain when |deviation| ≥ 5". One evaluator, without a validation library, serves the page, the
// API, the municipality's workflow (its Update validators) and the report alike.

/** A value worked out from answers: a reference to a question (or, in a table, a column of the same row), a number, or arithmetic. */
export type Expr = { ref: string } | { num: number } | { op: 'add' | 'sub' | 'mul' | 'div'; args: [Expr, Expr] } | { op: 'abs'; arg: Expr };

export const COMPARISONS = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' } as const;
export type Comparison = keyof typeof COMPARISONS;

/** A rule on an answer: `when` compared with `than` (a number, an option's id, or yes/no as true/false). */
export interface Rule {
  when: Expr;
  is: Comparison;
  than: number | string | boolean;
}

export type Scalar = number | string | boolean;
/** What a reference names: an answer, a cell of the same row, or nothing (not answered). */
export type Scope = (ref: string) => unknown;

/** A number, or undefined where a part is missing or not a number (a division by zero too). */
export function evaluate(expr: Expr, scope: Scope): number | undefined {
  if ('ref' in expr) {
    const value = scope(expr.ref);
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  if ('num' in expr) return expr.num;
  if (expr.op === 'abs') {
    const v = evaluate(expr.arg, scope);
    return v === undefined ? undefined : Math.abs(v);
  }
  const [a, b] = expr.args.map((e) => evaluate(e, scope));
  if (a === undefined || b === undefined) return undefined;
  const result = expr.op === 'add' ? a + b : expr.op === 'sub' ? a - b : expr.op === 'mul' ? a * b : b === 0 ? undefined : a / b;
  // Rounded to 10 decimals, so 95.3 − 90.3 is 5 and meets "≥ 5".
  return result === undefined ? undefined : Math.round(result * 1e10) / 1e10;
}

/** Whether a rule holds; a rule on something not answered does not. */
export function holds(rule: Rule, scope: Scope): boolean {
  const left = 'ref' in rule.when ? scope(rule.when.ref) : evaluate(rule.when, scope);
  if (left === undefined || left === null || left === '') return false;
  const values = Array.isArray(left) ? (left as Scalar[]) : [left as Scalar];
  return values.some((v) => compare(v, rule.is, rule.than));
}

function compare(left: Scalar, is: Comparison, than: Scalar): boolean {
  if (is === 'eq') return left === than;
  if (is === 'ne') return left !== than;
  if (typeof left !== 'number' || typeof than !== 'number') return false;
  return is === 'gt' ? left > than : is === 'gte' ? left >= than : is === 'lt' ? left < than : left <= than;
}

/** The references an expression or a rule makes (to check that each names something). */
export function refsOf(expr: Expr): string[] {
  if ('ref' in expr) return [expr.ref];
  if ('num' in expr) return [];
  return expr.op === 'abs' ? refsOf(expr.arg) : expr.args.flatMap(refsOf);
}

/** A rule in words, for hints on the page and in the report: "når |afvigelse| ≥ 5". */
export function describeRule(
  rule: Rule,
  labelOf: (ref: string) => string,
  optionLabel: (ref: string, id: string) => string = (_, id) => id,
): string {
  const than =
    typeof rule.than === 'boolean'
      ? rule.than
        ? 'ja'
        : 'nej'
      : typeof rule.than === 'string' && 'ref' in rule.when
        ? optionLabel(rule.when.ref, rule.than)
        : String(rule.than).replace('.', ',');
  return `når ${describeExpr(rule.when, labelOf)} ${COMPARISONS[rule.is]} ${than}`;
}

export function describeExpr(expr: Expr, labelOf: (ref: string) => string): string {
  if ('ref' in expr) return labelOf(expr.ref).toLowerCase();
  if ('num' in expr) return String(expr.num).replace('.', ',');
  if (expr.op === 'abs') return `|${describeExpr(expr.arg, labelOf)}|`;
  const sign = { add: '+', sub: '−', mul: '×', div: '÷' }[expr.op];
  return `${describeExpr(expr.args[0], labelOf)} ${sign} ${describeExpr(expr.args[1], labelOf)}`;
}
