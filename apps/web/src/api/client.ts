// The one way the console talks to the API: openapi-fetch over the paths of the generated OpenAPI types, with the
// session's key as a bearer token. The key never goes into a URL (so no address bar, history or server log has it).
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';
import type { ApiError } from './types.js';
import { session } from '../session.js';

export const api = createClient<paths>({ baseUrl: location.origin });

const bearer: Middleware = {
  onRequest({ request }) {
    if (session.key) request.headers.set('Authorization', `Bearer ${session.key}`);
    return request;
  },
};
api.use(bearer);

/** An answer other than 2xx, with the API's messages (each names its field first: "data.numerator: …"). */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
  ) {
    super(messages.join('; ') || `HTTP ${status}`);
  }

  /** Messages by the field they name (the part before the first ": "), "events[0]." and "data." prefixes removed. */
  byField(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const m of this.messages) {
      const match = /^(?:events\[\d+\]\.)?([A-Za-z0-9_.[\]]+): (.*)$/s.exec(m);
      const field = match ? match[1].replace(/^data\./, '') : '';
      out.set(field, [...(out.get(field) ?? []), match ? match[2] : m]);
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
  throw new ApiRefusal(response.status, messages);
}
