// A route of the API: its address, what it takes (path, query and body, each a zod schema), who
// may call it (an operation of the application's policy, or public), and its handler, typed from
// its own schemas. The Express handlers and the OpenAPI document are both made from the routes.
import type { AccessRole } from '../domain/actors';
import { UdmeldError } from '../domain/errors';
import type { Caller, ServiceKeyScope } from '../domain/people';
import { fieldIssues, z } from '../domain/zod';
import { allow, POLICY, type Operation } from '../app/policy';
import type { Download } from '../app/downloads';

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

/** A route that sends a file (the application's Download) of one of these media types, not JSON. */
export interface FileResponse {
  file: readonly string[];
}
export const file = (...mediaTypes: string[]): FileResponse => ({ file: mediaTypes });
/** What a handler returns: its response schema's type, or a file. */
type Result<R> = R extends z.ZodType ? z.output<R> : Download;

export interface RouteInput {
  caller?: Caller;
  params: unknown;
  query: unknown;
  body: unknown;
  /** From the Idempotency-Key header: a repeated request with the same key takes effect once. */
  updateId?: string;
  /** The request's bytes, for a route that takes a file. */
  file?: Buffer;
}

/** A route that takes a file as the request's body (its bytes, of these media types, at most so many). */
export interface Upload {
  mediaTypes: readonly string[];
  maxBytes: number;
}

interface RouteDefinition<P, Q, B, R, C> {
  method: 'get' | 'post' | 'put';
  path: string;
  tag: string;
  summary: string;
  params?: P;
  query?: Q;
  body?: B;
  /** A body the route takes, shown in the OpenAPI document (tests send it, with one field spoilt at a time). */
  example?: B extends z.ZodType ? z.input<B> : never;
  /** What it answers: a JSON body of this schema (the handler's type is derived from it), or a file. */
  response: R;
  /** Takes an Idempotency-Key. */
  idempotent?: boolean;
  created?: boolean;
  /** Takes a file instead of a JSON body. */
  upload?: Upload;
  handle(ctx: { caller: C; params: Out<P>; query: Out<Q>; body: Out<B>; updateId?: string; file?: Buffer }): Result<R> | Promise<Result<R>>;
}

export interface Route {
  method: 'get' | 'post' | 'put';
  path: string;
  tag: string;
  summary: string;
  /** Who may call it; `public` needs no token. */
  roles: readonly AccessRole[] | 'public';
  /** What a service key needs to call it; a route without one is for people only. */
  scope?: ServiceKeyScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  example?: unknown;
  response: z.ZodType | FileResponse;
  idempotent?: boolean;
  created?: boolean;
  upload?: Upload;
  /** Parses what the request gives with the route's schemas, checks the caller, and handles it. */
  run(input: RouteInput): Promise<unknown>;
}

/** A route for someone who is signed in, with a personal link or a service key: the operation's policy applies. */
export function route<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType | FileResponse = z.ZodType,
>(operation: Operation, definition: RouteDefinition<P, Q, B, R, Caller>): Route {
  const { roles, scope } = POLICY[operation] as { roles: readonly AccessRole[]; scope?: ServiceKeyScope };
  return {
    ...describe(definition),
    roles,
    ...(scope ? { scope } : {}),
    async run({ caller, params, query, body, updateId, file }) {
      if (!caller) throw new UdmeldError('unauthorized', 'Log ind, eller brug linket fra din e-mail');
      allow(caller, operation);
      // An optional schema is the route's P, Q or B itself: undefined where the route takes none.
      const parsedParams = parse(definition.params as P, params, 'params');
      allow(caller, operation, parsedParams);
      const parsedQuery = parse(definition.query as Q, query, 'query');
      const parsedBody = parse(definition.body as B, definition.upload ? {} : body, '');
      const files = definition.upload && file ? { file } : {};
      return definition.handle({
        caller,
        params: parsedParams,
        query: parsedQuery,
        body: parsedBody,
        ...(updateId ? { updateId } : {}),
        ...files,
      });
    },
  };
}

/** A route anyone may call. */
export function publicRoute<B extends z.ZodType | undefined = undefined, R extends z.ZodType | FileResponse = z.ZodType>(
  definition: RouteDefinition<undefined, undefined, B, R, undefined>,
): Route {
  return {
    ...describe(definition),
    roles: 'public',
    async run({ query, body }) {
      parse(undefined, query, 'query');
      return definition.handle({ caller: undefined, params: {}, query: {}, body: parse(definition.body as B, body, '') });
    },
  };
}

function describe<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType | FileResponse,
  C,
>(d: RouteDefinition<P, Q, B, R, C>) {
  return {
    method: d.method,
    path: d.path,
    tag: d.tag,
    summary: d.summary,
    response: d.response,
    ...(d.example !== undefined ? { example: d.example } : {}),
    ...(d.params ? { params: d.params } : {}),
    ...(d.query ? { query: d.query } : {}),
    ...(d.body ? { body: d.body } : {}),
    ...(d.idempotent ? { idempotent: true } : {}),
    ...(d.created ? { created: true } : {}),
    ...(d.upload ? { upload: d.upload } : {}),
  };
}

/** What a request gives, read with its schema; without one, nothing may be given (no unknown parameters). */
function parse<S extends z.ZodType | undefined>(schema: S, input: unknown, where: string): Out<S> {
  if (!schema) {
    const names = typeof input === 'object' && input !== null ? Object.keys(input) : [];
    if (names.length && where === 'query') {
      const issues = names.map((n) => ({ path: `query.${n}`, message: 'Ukendt parameter' }));
      throw new UdmeldError('invalid_input', `Ukendte parametre: ${names.join(', ')}`, issues);
    }
    return {} as Out<S>;
  }
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const issues = fieldIssues(result.error).map((i) => ({ ...i, path: [where, i.path].filter(Boolean).join('.') }));
    throw new UdmeldError('invalid_input', issues.map((i) => `${i.path || 'indhold'}: ${i.message}`).join('; '), issues);
  }
  return result.data as Out<S>;
}
