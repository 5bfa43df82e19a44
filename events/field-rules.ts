// Shared field rules for event data. Kept here so every event type states its fields the same way.
import { applyDecorators } from './decorators.js';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { INSTANT_REASON, isInstant } from './instant.js';

export const UNIT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const INDICATOR_ID_PATTERN = /^[1-9][0-9]?\.[0-9]{1,2}[a-z]?$/;

export const IsUnitId = () =>
  applyDecorators(
    IsString({ message: 'must be a string' }),
    Matches(UNIT_ID_PATTERN, { message: 'must be a unit id: lowercase letters, digits and hyphens, at most 64' }),
  );

export const IsIndicatorId = () =>
  applyDecorators(
    IsString({ message: 'must be a string' }),
    Matches(INDICATOR_ID_PATTERN, { message: 'must be an indicator id such as "3.5" or "3.10a"' }),
  );

/** An instant the one parser reads (events/instant.ts); the same rule as an envelope's occurredAt. */
export const IsInstantField = () =>
  ValidateBy({ name: 'isInstant', validator: { validate: (value) => isInstant(value), defaultMessage: () => INSTANT_REASON } });

export const IsText = (max = 2000) =>
  applyDecorators(
    IsString({ message: 'must be a string' }),
    IsNotEmpty({ message: 'must not be empty' }),
    MaxLength(max, { message: `must be at most ${max} characters` }),
  );

export const IsOptionalText = (max = 2000) =>
  applyDecorators(IsString({ message: 'must be a string' }), MaxLength(max, { message: `must be at most ${max} characters` }));

export const IsCount = () =>
  applyDecorators(
    IsInt({ message: 'must be an integer' }),
    Min(0, { message: 'must not be negative' }),
    Max(Number.MAX_SAFE_INTEGER, { message: 'is too large' }),
  );
