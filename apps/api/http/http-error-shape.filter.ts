// Every error answers in one shape, { statusCode, error, message: [ … ] }, each message naming what it is about,
// including the errors raised before our code runs (a body that is not JSON, or too large).
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
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
  catch(exception: HttpException, host: ArgumentsHost): void {
    const statusCode = exception.getStatus();
    const res = host.switchToHttp().getResponse<Response>();
    // A refusal that says when to come back (429 of the rate limits) carries it as Retry-After.
    const retryAfter = (exception.getResponse() as { retryAfter?: unknown }).retryAfter;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res
      .status(statusCode)
      .json({ statusCode, error: NAMES[statusCode] ?? exception.name, message: messagesOf(exception) });
  }
}
