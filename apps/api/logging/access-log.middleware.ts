// The first middleware: gives the request its id (a sane incoming X-Request-Id, else a fresh UUID), echoes it in the
// response, and when the response is done writes the access line — for every request, reads and refusals (401, 429)
// included: method, path (no query string: parameters are the caller's text and could carry anything), status, ms,
// and the key id and unit when there are. Never the Authorization header, a body or evidence contents.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { LedgerLog } from './ledger-log.js';
import { openRequestContext, runInRequestContext, type RequestLogContext } from './request-context.js';
import { safeLogText } from '../http/safe-log-text.js';

/** Longest piece of the caller's text (path, request id) a log line carries. */
export const MAX_LOGGED_TEXT = 200;

// Letters, digits and . _ : - only, at most 128: what proxies and tracing headers send; anything else is replaced.
export const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
// The key id is the public part of `lk_<id>_<secret>` (what `ledger keys list` shows); the secret never leaves here.
const KEY_ID = /^Bearer\s+lk_([a-z0-9]{10})_/i;

export function requestIdOf(req: Request): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function accessLog(log: LedgerLog) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const keyId = KEY_ID.exec(req.headers.authorization ?? '')?.[1];
    const context: RequestLogContext = { reqId: requestIdOf(req), ...(keyId ? { keyId } : {}) };
    openRequestContext(req, context);
    res.setHeader('X-Request-Id', context.reqId);
    let written = false;
    const done = () => {
      if (written) return;
      written = true;
      const status = res.headersSent ? res.statusCode : 0;
      const line = {
        ...context,
        method: req.method,
        path: safeLogText(req.path ?? (req.originalUrl ?? '').split('?')[0], MAX_LOGGED_TEXT),
        status,
        // Whole milliseconds (integer division of nanoseconds): enough for an access log, and no float.
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (status >= 500) log.error(line, 'request');
      else if (status >= 400 || status === 0) log.warn(line, 'request');
      else log.info(line, 'request');
    };
    res.once('finish', done);
    res.once('close', done);
    runInRequestContext(req, next);
  };
}

/** After the body parser: enter the request's context again for the handlers (see request-context.ts). */
export function enterRequestContext(req: Request, _res: Response, next: NextFunction): void {
  runInRequestContext(req, next);
}
