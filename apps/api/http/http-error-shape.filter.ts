// Every error answers in one shape, { statusCode, error, message: [ … ] }, each message naming what it is about,
// including the errors raised before our code runs (a body that is not JSON, or too large).
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { safeLogText } from './safe-log-text.js';
import { MAX_LOGGED_TEXT } from '../logging/access-log.middleware.js';

// 401, 404 and 429 say all there is in the access line; the others get a line with the reasons (cut and escaped).
const ACCESS_LINE_ENOUGH = new Set([401, 404, 429]);
import type { Response } from 'express';

const NAMES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 429: 'Too Many Requests' };

function messagesOf(exception: HttpException): string[] {
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const list = Array.isArray(message) ? message.map(String) : [String(message ?? exception.message)];
  const status = exception.getStatus();
  // Raised by the body parser: say which part of the request is wrong.
  if (status === 413) return [`body: larger than the accepted request size (${list.join('; ')})`];
  if (status === 400 && list.length === 1 && /JSON|Unexpected token|position \d+/.test(list[0]) && !list[0].includes(':')) {
    return [`body: not valid JSON (${list[0]})`];
  }
  return list;
}

@Catch(HttpException)
export class HttpErrorShapeFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: HttpException, host: ArgumentsHost): void {
    const statusCode = exception.getStatus();
    const res = host.switchToHttp().getResponse<Response>();
    const messages = messagesOf(exception);
    if (statusCode >= 400 && !ACCESS_LINE_ENOUGH.has(statusCode)) {
      this.logger.warn({ msg: 'refused', status: statusCode, problems: messages.slice(0, 10).map((m) => safeLogText(m, MAX_LOGGED_TEXT)) });
    }
    // A refusal that says when to come back (429 of the rate limits) carries it as Retry-After.
    const retryAfter = (exception.getResponse() as { retryAfter?: unknown }).retryAfter;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res
      .status(statusCode)
      .json({ statusCode, error: NAMES[statusCode] ?? exception.name, message: messages });
  }
}
