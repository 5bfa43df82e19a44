// Settings from the environment, validated at start-up: a bad setting stops the process with a message naming it.
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { resolveEventStoreConfig, type EventStoreConfig } from '../../event-store/src/event-store.config.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class AppConfig {
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL?: string;

  @IsString({ message: 'DATA_DIR must be a path' })
  DATA_DIR = './.data';

  /** Checked, with EVENTSTORE_CONNECTION_STRING, by resolveEventStoreConfig. */
  EVENT_STORE: 'postgres' | 'eventstoredb' = 'postgres';
  EVENTSTORE_CONNECTION_STRING?: string;
  eventStore: EventStoreConfig = { kind: 'postgres' };

  /** The role the running service switches to: INSERT and SELECT only on the events table. Empty: no switch. */
  @IsString()
  DATABASE_APP_ROLE = 'ledger_app';

  /** Failed authentications per client address and minute before 429 (Retry-After). */
  @IsInt({ message: 'AUTH_FAILURES_PER_MINUTE must be an integer' })
  @Min(1, { message: 'AUTH_FAILURES_PER_MINUTE must be at least 1' })
  AUTH_FAILURES_PER_MINUTE = 20;

  /** Address to listen on: localhost only unless told otherwise (0.0.0.0 in the container). */
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/, { message: 'HOST must be an IP address or localhost' })
  HOST = '127.0.0.1';

  @IsInt({ message: 'BODY_LIMIT_KB must be an integer' })
  @Min(1, { message: 'BODY_LIMIT_KB must be at least 1' })
  BODY_LIMIT_KB = 1024;

  /** Largest evidence file (POST /v1/evidence streams it, so this bounds storage, not memory). */
  @IsInt({ message: 'EVIDENCE_MAX_MB must be an integer' })
  @Min(1, { message: 'EVIDENCE_MAX_MB must be at least 1' })
  @Max(1024, { message: 'EVIDENCE_MAX_MB must be at most 1024' })
  EVIDENCE_MAX_MB = 50;

  /** Lowest level written to the JSON log on stdout (`silent`: none). */
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const INTEGER_SETTINGS = new Set(['PORT', 'BODY_LIMIT_KB', 'AUTH_FAILURES_PER_MINUTE', 'EVIDENCE_MAX_MB']);

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const config = new AppConfig();
  const settings = config as unknown as Record<string, unknown>;
  for (const key of Object.keys(config).concat(['DATABASE_URL', 'EVENTSTORE_CONNECTION_STRING']).filter((k) => k !== 'eventStore')) {
    const raw = env[key];
    if (raw === undefined || raw === '') continue;
    settings[key] = INTEGER_SETTINGS.has(key) && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  const problems = validateSync(config).flatMap((e) => Object.values(e.constraints ?? {}));
  try {
    config.eventStore = resolveEventStoreConfig(env);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
