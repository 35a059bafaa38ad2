// Updates whose input is validated once: the validator parses it and checks that the workflow can
// take it now, so bad input never enters history; the handler reuses what the validator parsed
// (on replay, when validators do not run, it parses again).
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';

export interface CommandSpec<P, R> {
  parse(input: unknown): P;
  /** Throws (invalidState) when the workflow cannot take the command now. */
  check(command: P): void;
  run(command: P): Promise<R> | R;
}

export function onCommand<R, A, P>(update: UpdateDefinition<R, [A]>, spec: CommandSpec<P, R>): void {
  const parsed = new WeakMap<object, P>();
  const known = (input: A) => (typeof input === 'object' && input !== null && parsed.has(input) ? parsed.get(input)! : spec.parse(input));
  setHandler(update, (input: A) => spec.run(known(input)), {
    validator: (input: A) => {
      const command = spec.parse(input);
      spec.check(command);
      if (typeof input === 'object' && input !== null) parsed.set(input, command);
    },
  });
}
