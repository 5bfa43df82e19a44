// Turns a refused append into Nest's error shape: { statusCode, error, message: [ … ] }, one line per problem, and
// `problems: [{ index, field, code, reason }]` when the refusal is about particular events.
import { Catch, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppendRefusedError } from '../events/append-refused.error.js';

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
    // A refused request leaves no trace in the ledger, only this log line.
    this.logger.warn(`refused (${statusCode}): ${error.problems.join(' | ')}`);
    host.switchToHttp().getResponse<Response>().status(statusCode).json({ statusCode, error: name, message: error.problems, ...(error.details?.length ? { problems: error.details } : {}) });
  }
}
