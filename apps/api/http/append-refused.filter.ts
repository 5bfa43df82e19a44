// Turns a refused append into Nest's error shape: { statusCode, error, message: [ … ] }, one line per problem, and
// `problems: [{ index, field, code, reason }]` when the refusal is about particular events.
import { Catch, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppendRefusedError } from '../events/append-refused.error.js';
import { safeLogText } from './safe-log-text.js';
import { MAX_LOGGED_TEXT } from '../logging/access-log.middleware.js';

const MAX_LOGGED_PROBLEMS = 10;

const STATUS = {
  invalid: [HttpStatus.BAD_REQUEST, 'Bad Request'],
  forbidden: [HttpStatus.FORBIDDEN, 'Forbidden'],
  conflict: [HttpStatus.CONFLICT, 'Conflict'],
} as const;

@Catch(AppendRefusedError)
export class AppendRefusedFilter implements ExceptionFilter {
  private readonly logger = new Logger('append');

  catch(error: AppendRefusedError, host: ArgumentsHost): void {
    const [statusCode, name] = STATUS[error.kind];
    // A refused request leaves no trace in the ledger, only this log line (with the request id, key id and unit the
    // log adds). The problems quote the caller's text: each is escaped and cut, and only the first few are kept.
    this.logger.warn({
      msg: 'refused',
      status: statusCode,
      problems: error.problems.slice(0, MAX_LOGGED_PROBLEMS).map((p) => safeLogText(p, MAX_LOGGED_TEXT)),
      ...(error.problems.length > MAX_LOGGED_PROBLEMS ? { moreProblems: error.problems.length - MAX_LOGGED_PROBLEMS } : {}),
    });
    host.switchToHttp().getResponse<Response>().status(statusCode).json({ statusCode, error: name, message: error.problems, ...(error.details?.length ? { problems: error.details } : {}) });
  }
}
