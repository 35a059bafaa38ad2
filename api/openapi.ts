// The OpenAPI 3.1 document, generated from the same route table and zod schemas the API validates with.
import { createHash } from 'node:crypto';
import { z } from '../domain/zod';
import { ACCESS_PARAM } from '../crypto/links';
import { SCOPE_NAMES, SERVICE_KEY_SCOPES } from '../domain/people';
import { SESSION_COOKIE } from '../auth/authenticate';
import type { Route } from './route';

const ROLE_LABELS = {
  secretariat: 'sekretariatet',
  municipality: 'kommunens kontaktpersoner',
  director: 'direktørerne',
  region: 'regionens kontaktperson',
} as const;

/**
 * Schemas that refer to themselves (an expression inside an expression), shared by the document's
 * operations as components: a schema's own `$defs` would be looked up at the document's root.
 */
const shared: Record<string, unknown> = {};

/** A schema as JSON Schema: what a request may send (`input`), or what a response holds (`output`). */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') => {
  const {
    $schema: _,
    $defs,
    ...rest
  } = z.toJSONSchema(schema, { io, unrepresentable: 'any', override: forReaders }) as Record<string, unknown>;
  if (!$defs) return rest;
  const names = new Map<string, string>();
  for (const [name, def] of Object.entries($defs as Record<string, unknown>)) {
    names.set(name, `${io === 'input' ? 'In' : 'Out'}${createHash('sha256').update(JSON.stringify(def)).digest('hex').slice(0, 10)}`);
  }
  const relinked = (value: unknown) =>
    JSON.parse(
      JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_, name: string) =>
        JSON.stringify(`#/components/schemas/${names.get(name) ?? name}`),
      ),
    ) as Record<string, unknown>;
  for (const [name, def] of Object.entries($defs as Record<string, unknown>)) shared[names.get(name) ?? name] = relinked(def);
  return relinked(rest);
};

/**
 * Two things said so that common readers of the document read them as the API does: an e-mail
 * address is what its pattern (zod's) allows, not whatever a reader's own `format: email` checker
 * thinks; and a fixed-length list ([code, status, deadline]) as a list of its items' kinds, since
 * some readers do not yet take `prefixItems` in a response.
 */
function forReaders({ jsonSchema: s }: { jsonSchema: Record<string, unknown> }): void {
  if (s.format === 'email' && typeof s.pattern === 'string') delete s.format;
  if (Array.isArray(s.prefixItems)) {
    const kinds = s.prefixItems as object[];
    s.items = kinds.length === 1 ? kinds[0] : { anyOf: kinds };
    delete s.prefixItems;
  }
}

/** A route's answer: JSON of its schema, or a file of its media types. */
function success(route: Route): object {
  const { response } = route;
  if ('file' in response) {
    return {
      description: 'Filen',
      headers: { 'Content-Disposition': { schema: { type: 'string' }, description: 'attachment eller inline, med filens navn' } },
      content: Object.fromEntries(response.file.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
    };
  }
  return { description: 'OK', content: { 'application/json': { schema: jsonSchema(response, 'output') } } };
}

/** A body that may hold nothing (an action without input): the document shows no body. */
const takesNothing = (body: z.ZodType) => body instanceof z.ZodObject && Object.keys(body.shape).length === 0;

export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export function rolesText(route: Route): string {
  return route.roles === 'public' ? 'alle' : route.roles.map((r) => ROLE_LABELS[r]).join(', ');
}

/** Who may call a route, and how: a session (anyone who signed in), a personal link, a service key
 * with the route's scope (OpenAPI 3.1 allows role names in a non-OAuth requirement). */
function securityOf(route: Route): Record<string, string[]>[] {
  if (route.roles === 'public') return [];
  return [
    { session: [] },
    { sessionCookie: [] },
    ...(route.roles.some((r) => r !== 'secretariat') ? [{ personalLink: [] }, { personalLinkQuery: [] }] : []),
    ...(route.scope ? [{ serviceKey: [route.scope] }] : []),
  ];
}

export function openApiDocument(routes: Route[], serverUrl: string): object {
  const problem = { $ref: '#/components/responses/Problem' };
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const parameters: object[] = [];
    for (const [name, schema] of Object.entries(route.params?.shape ?? {})) {
      parameters.push({ name, in: 'path', required: true, schema: jsonSchema(schema as z.ZodType) });
    }
    for (const [name, schema] of Object.entries(route.query?.shape ?? {})) {
      parameters.push({ name, in: 'query', required: false, schema: jsonSchema(schema as z.ZodType) });
    }
    if (route.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Gentages forespørgslen med samme nøgle, har den kun virkning én gang.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,100}$' },
      });
    }
    const operations = (paths[openApiPath(route.path)] ??= {});
    operations[route.method] = {
      tags: [route.tag],
      summary: route.summary,
      description:
        `Adgang: ${rolesText(route)}. ${route.scope ? `Integrationsnøgler: tilladelsen \`${route.scope}\`.` : route.roles === 'public' ? '' : 'Ikke for integrationsnøgler.'}`.trim(),
      operationId: `${route.method}${route.path.replace(/[:/{}-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
      security: securityOf(route),
      parameters,
      ...(route.upload
        ? {
            requestBody: {
              required: true,
              description: `Filens indhold, højst ${route.upload.maxBytes / 1024 / 1024} MB; typen afgøres af indholdet.`,
              content: Object.fromEntries(route.upload.mediaTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
            },
          }
        : route.body && !takesNothing(route.body)
          ? {
              requestBody: {
                // A body with nothing it must hold may be left out (it is then read as {}).
                required: !route.body.safeParse({}).success,
                content: {
                  'application/json': {
                    schema: jsonSchema(route.body),
                    ...(route.example !== undefined ? { example: route.example } : {}),
                  },
                },
              },
            }
          : {}),
      responses: {
        [route.created ? '201' : '200']: success(route),
        '400': problem,
        '401': problem,
        ...(route.roles === 'public' ? {} : { '403': problem }),
        '404': problem,
        '409': problem,
        '413': problem,
        '503': problem,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'udmeld API',
      version: '1',
      description:
        'Centrale udmeldinger: registrering, kommunernes indberetning, afrapportering og godkendelse. Fejl er application/problem+json.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: shared,
      securitySchemes: {
        session: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'uds_<id>_<hemmelighed>',
          description: 'En session fra log ind (identitetsudbyderen eller nødadgang)',
        },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Samme session i browserens cookie' },
        personalLink: {
          type: 'http',
          scheme: 'bearer',
          description: 'Adgangsnøglen fra et personligt link i en e-mail (parameteren adgang)',
        },
        personalLinkQuery: { type: 'apiKey', in: 'query', name: ACCESS_PARAM, description: 'Det personlige link, som det står i e-mailen' },
        serviceKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'udk_<id>_<hemmelighed>',
          description: `En integrationsnøgle, oprettet af sekretariatet. Tilladelser: ${SCOPE_NAMES.map((s) => `\`${s}\` (${SERVICE_KEY_SCOPES[s]})`).join(', ')}.`,
        },
      },
      responses: {
        Problem: {
          description: 'Fejl med felter og årsager',
          content: {
            'application/problem+json': {
              schema: {
                type: 'object',
                required: ['title', 'status'],
                properties: {
                  type: { type: 'string' },
                  title: { type: 'string' },
                  status: { type: 'integer' },
                  detail: { type: 'string' },
                  errors: {
                    type: 'array',
                    items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
