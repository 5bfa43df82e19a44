// The one logger of the API: pino, one JSON object per line on stdout (or the destination a test passes), each line
// with the request id, key id and unit of the request it was written for. Nest's own Logger calls (start-up, filters,
// the projector) go through the same logger by way of PinoNestLogger, so there is one format in the whole stream.
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LoggerService } from '@nestjs/common';
import { currentRequestContext } from './request-context.js';
import { safeLogText } from '../http/safe-log-text.js';
import type { LogLevel } from '../../../libs/application/src/app.config.js';

export { LOG_LEVELS, type LogLevel } from '../../../libs/application/src/app.config.js';

export type LedgerLog = PinoLogger;

export function createLedgerLog(options: { level?: LogLevel; destination?: DestinationStream } = {}): LedgerLog {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'ledger-api' },
      // Level names, not numbers: the lines are read by people as often as by tools.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const context = currentRequestContext();
        return context ? { ...context } : {};
      },
      // Defence in depth: no code path logs headers or bodies, but should one ever, the key stays out.
      redact: { paths: ['authorization', 'headers.authorization', 'req.headers.authorization', '*.key', 'key'], censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/** Nest's start-up chatter (one line per module and route): kept at debug, so `info` starts with what matters. */
const FRAMEWORK_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Longest message kept from a Nest Logger call; user text inside it is already cut where it is quoted. */
const MAX_MESSAGE = 4000;

/** Nest's LoggerService over pino: `Logger.warn('…', 'append')` becomes { level: 'warn', context: 'append', msg }. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: LedgerLog) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    this.write(typeof context === 'string' && FRAMEWORK_CHATTER.has(context) ? 'debug' : 'info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, rest: unknown[]): void {
    // Nest passes (message, context) or, for errors, (message, stack, context): the last string is the context.
    const strings = rest.filter((r): r is string => typeof r === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const stack = level === 'error' && strings.length > 1 ? strings[0] : undefined;
    const fields: Record<string, unknown> = { ...(context ? { context } : {}), ...(stack ? { stack: safeLogText(stack, MAX_MESSAGE) } : {}) };
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: { type: message.name, message: safeLogText(message.message, MAX_MESSAGE) } }, safeLogText(message.message, MAX_MESSAGE));
    } else if (message !== null && typeof message === 'object') {
      const { msg, ...data } = message as Record<string, unknown>;
      this.pino[level]({ ...fields, ...data }, safeLogText(String(msg ?? ''), MAX_MESSAGE));
    } else {
      this.pino[level](fields, safeLogText(String(message), MAX_MESSAGE));
    }
  }
}
