// The last filter: whatever no other filter answered. The database being away (restart, failover) is a 503 with
// Retry-After, never a 500 — the request changed nothing and can be sent again. Anything else is a 500 whose body
// says nothing of the internals (the log has the detail, cut and escaped). Errors other filters handle are passed to
// them, so the order Nest tries global filters in does not matter.
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppendRefusedError } from '../events/append-refused.error.js';
import { AppendRefusedFilter } from './append-refused.filter.js';
import { HttpErrorShapeFilter } from './http-error-shape.filter.js';
import { RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable.js';
import { safeLogText } from './safe-log-text.js';

@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');
  private readonly httpErrors = new HttpErrorShapeFilter();
  private readonly refusals = new AppendRefusedFilter();

  catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof HttpException) return this.httpErrors.catch(error, host);
    if (error instanceof AppendRefusedError) return this.refusals.catch(error, host);
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (isDatabaseUnavailable(error)) {
      this.logger.warn(`database unavailable: ${safeLogText(error instanceof Error ? error.message : String(error))}`);
      res
        .status(503)
        .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({ statusCode: 503, error: 'Service Unavailable', message: ['database: not reachable at the moment; nothing was changed, retry shortly'] });
      return;
    }
    this.logger.error(`unexpected: ${safeLogText(error instanceof Error ? (error.stack ?? error.message) : String(error), 4000)}`);
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: ['the request could not be completed; nothing was changed'] });
  }
}
