// What every log line written while a request is handled carries: its request id and, once the API key is checked,
// the key id and the unit. Kept per request (AsyncLocalStorage) so a refusal or a warning deep in a handler names
// the request and the caller without each call site passing them along.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';

export interface RequestLogContext {
  reqId: string;
  /** The public part of the API key (`lk_<keyId>_…`); never the key itself. Set as soon as the header is read. */
  keyId?: string;
  /** The unit of the key, set by the guard once the key is known to be live. */
  unit?: string;
  /** The person the key was issued to (a user id such as `haibin-street-liaison`, no secret). */
  user?: string;
}

const current = new AsyncLocalStorage<RequestLogContext>();
const byRequest = new WeakMap<object, RequestLogContext>();

export function openRequestContext(req: Request, context: RequestLogContext): void {
  byRequest.set(req, context);
}

/** Runs `next` inside the request's context (entered again after the body parser, whose stream callbacks lose it). */
export function runInRequestContext(req: Request, next: () => void): void {
  const context = byRequest.get(req);
  if (context) current.run(context, next);
  else next();
}

export function requestContextOf(req: object): RequestLogContext | undefined {
  return byRequest.get(req);
}

/** The context of the request being handled, if any (a projector or start-up line has none). */
export function currentRequestContext(): RequestLogContext | undefined {
  return current.getStore();
}

/** Called by the guard once the key is live: every later line of the request names the unit and the person. */
export function noteCaller(req: object, actor: { unitId: string; userId: string }): void {
  const context = byRequest.get(req);
  if (!context) return;
  context.unit = actor.unitId;
  context.user = actor.userId;
}
