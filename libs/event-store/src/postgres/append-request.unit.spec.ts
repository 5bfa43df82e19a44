import { planAppend } from './append-request.js';
import { contractEvent } from '../event-store.contract.js';
import type { EventToAppend, ExpectedRevision, StreamAppend } from '../event-store.port.js';

describe('planning an append', () => {
  it('lower-cases event ids, as PostgreSQL will print them and the hash must cover them', () => {
    const event = contractEvent({ eventId: '0B6D9C9E-6C1E-4D57-9A51-3F4B7C2E1A10' });
    const plan = planAppend([{ streamId: 's', expectedRevision: 'any', events: [event] }]);
    expect(plan.events[0].eventId).toBe('0b6d9c9e-6c1e-4d57-9a51-3f4b7c2e1a10');
    expect(plan.events[0].occurredAtUtc).toBe('2017-10-05T01:30:00.000Z');
  });

  const id = '0b6d9c9e-6c1e-4d57-9a51-3f4b7c2e1a10';
  const one = (events: EventToAppend[], expectedRevision: ExpectedRevision = 'any'): StreamAppend => ({
    streamId: 's',
    expectedRevision,
    events,
  });

  it.each([
    ['a stream twice', [one([]), one([])], /appears twice/],
    ['an event twice', [one([contractEvent({ eventId: id }), contractEvent({ eventId: id.toUpperCase() })])], /appears twice/],
    ['an id that is no UUID', [one([contractEvent({ eventId: 'x' })])], /not a UUID/],
    ['a negative revision', [one([], -1)], /expectedRevision/],
    ['an occurredAt that is no instant', [one([contractEvent({ occurredAt: 'soon' })])], /not an instant/],
  ])('refuses %s', (_, appends, message) => {
    expect(() => planAppend(appends)).toThrow(message);
  });
});
