// The one way the console talks to the API: openapi-fetch over the paths of the generated OpenAPI types, with the
// session's key as a bearer token. The key never goes into a URL (so no address bar, history or server log has it).
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';
import type { ApiError, ResultsAnswer } from './types.js';
import { session } from '../session.js';

export const api = createClient<paths>({ baseUrl: location.origin });

const bearer: Middleware = {
  onRequest({ request }) {
    if (session.key) request.headers.set('Authorization', `Bearer ${session.key}`);
    return request;
  },
};
api.use(bearer);

/** An answer other than 2xx, with the API's messages and, for a refused append, its problems by field. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly problems: { field: string; reason: string }[] = [],
  ) {
    super(messages.join('; ') || `HTTP ${status}`);
  }

  /**
   * Reasons by the field they name, "data." removed (so "numerator", "evidence[0].sha256", "occurredAt"); "" for a
   * message that names none. The API's structured problems when it gives them, else the "field: reason" messages.
   */
  byField(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const add = (field: string, reason: string) => out.set(field, [...(out.get(field) ?? []), reason]);
    if (this.problems.length > 0) {
      for (const p of this.problems) add(p.field.replace(/^data\./, ''), p.reason);
      return out;
    }
    for (const m of this.messages) {
      const match = /^(?:events\[\d+\]\.)?([A-Za-z0-9_.[\]]+): (.*)$/s.exec(m);
      if (match) add(match[1].replace(/^data\./, ''), match[2]);
      else add('', m);
    }
    return out;
  }
}

/** Unwraps an openapi-fetch answer into its body typed as T, or throws an ApiRefusal. */
export async function answer<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = error as Partial<ApiError> | undefined;
  const messages = Array.isArray(body?.message) ? body.message : typeof body?.message === 'string' ? [body.message] : [];
  if (response.status === 401) session.expired();
  throw new ApiRefusal(response.status, messages, Array.isArray(body?.problems) ? body.problems : []);
}

/**
 * Every item of a paged list (limit + after, answered with nextAfter; apps/api/http/list-page.ts), in the largest
 * pages the API gives: the console shows whole lists (a virtualized table scrolls 5,000 rows).
 */
export async function allPages<P extends { nextAfter: number | null }, T>(page: (query: { limit: number; after?: number }) => Promise<P>, items: (answer: P) => T[]): Promise<T[]> {
  const out: T[] = [];
  for (let after: number | undefined; ; ) {
    const answered = await page({ limit: 1000, ...(after === undefined ? {} : { after }) });
    out.push(...items(answered));
    if (answered.nextAfter === null) return out;
    after = answered.nextAfter;
  }
}

/** The published results, newest first: every page of GET /v1/results. */
export function allPublishedResults(): Promise<ResultsAnswer['results']> {
  return allPages((query) => answer<ResultsAnswer>(api.GET('/v1/results', { params: { query } })), (r) => r.results);
}
