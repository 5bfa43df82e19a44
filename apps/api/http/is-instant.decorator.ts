// Query and body parameters that are instants: the one parser of events/instant.ts (a real date and time, hours
// 00–23, an offset within ±14:00, a sane year), so a parameter is read exactly as an event's occurredAt is.
import { ValidateBy } from 'class-validator';
import { isInstant } from '../../../events/index.js';

export const IsInstant = (name: string) =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => isInstant(value),
      defaultMessage: (args) =>
        `${name} must be an ISO 8601 date-time with an offset, e.g. 2017-11-30T23:59:59+08:00` +
        // A `+` left unencoded in a URL query arrives as a space.
        (typeof args?.value === 'string' && / \d{2}:?\d{2}$/.test(args.value) ? ' (in a URL query write the + of the offset as %2B)' : ''),
    },
  });
