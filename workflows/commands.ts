// Updates whose input is validated once: the validator parses it and checks that the workflow can
// take it now, so bad input never enters history; the handler reuses what the validator parsed
// (on replay, when validators do not run, it parses again).
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';

/** A command as its messages module declares it: the Update, and how its argument is read. */
export interface CommandMessage<R, A, P> {
  update: UpdateDefinition<R, [A]>;
  parse(input: unknown): P;
}

export interface CommandSpec<P, R> {
  /** Throws (invalidState) when the workflow cannot take the command now. */
  check(command: P): void;
  run(command: P): Promise<R> | R;
}

/**
 * Registers the command's Update with its validator. A workflow may read the argument its own way
 * (`parse`: a municipality checks that an answer is its own); otherwise the message's reader.
 * Returns the command for the workflow itself to give (validated and run as the Update would be).
 */
export function onCommand<R, A, P, Q = P>(
  message: CommandMessage<R, A, P>,
  spec: { parse?(input: unknown): Q } & CommandSpec<NoInfer<Q>, R>,
): (input: A) => Promise<R> {
  // Without a reader of its own, Q is P (the type parameter's default).
  const read = (input: unknown): Q => (spec.parse ? spec.parse(input) : (message.parse(input) as unknown as Q));
  const parsed = new WeakMap<object, Q>();
  const known = (input: A) => {
    const seen = typeof input === 'object' && input !== null ? parsed.get(input) : undefined;
    return seen ?? read(input);
  };
  setHandler(message.update, (input: A) => spec.run(known(input)), {
    validator: (input: A) => {
      const command = read(input);
      spec.check(command);
      if (typeof input === 'object' && input !== null) parsed.set(input, command);
    },
  });
  return (input: A) => {
    const command = read(input);
    spec.check(command);
    return Promise.resolve(spec.run(command));
  };
}
