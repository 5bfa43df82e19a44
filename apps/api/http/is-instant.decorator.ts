// Query and body parameters that are instants: ISO 8601 with an offset, and a real date and time (2017-02-30 is not).
import { ValidateBy } from 'class-validator';
import { isInstant } from '../../../events/index.js';
import { parseInstant } from '../../../libs/rulebook/src/index.js';

function isValidInstant(value: unknown): boolean {
  if (!isInstant(value)) return false;
  try {
    parseInstant(value);
    return true;
  } catch {
    return false;
  }
}

export const IsInstant = (name: string) =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: isValidInstant,
      defaultMessage: (args) =>
        `${name} must be an ISO 8601 date-time with an offset, e.g. 2017-11-30T23:59:59+08:00` +
        // A `+` left unencoded in a URL query arrives as a space.
        (typeof args?.value === 'string' && / \d{2}:?\d{2}$/.test(args.value) ? ' (in a URL query write the + of the offset as %2B)' : ''),
    },
  });
