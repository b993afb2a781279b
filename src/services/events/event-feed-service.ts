// The per-organization events feed: GET /api/v1/events?after=<cursor> pages through it in order.
import type { ServiceDeps } from '../deps.js';
import type { Principal } from '../principal.js';
import { listEventsAfter, type EventRecord } from '../../store/repositories/events.js';
import { validationFailed } from '../errors.js';

export interface EventFeedPage {
  readonly events: readonly EventView[];
  /** Pass as `after` to continue; equals the request's cursor when there is nothing new. */
  readonly cursor: string;
}

export interface EventView {
  readonly id: string;
  readonly kind: string;
  readonly subjectId: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAtMs: number;
}

export const toEventView = (event: EventRecord): EventView => ({
  id: String(event.id),
  kind: event.kind,
  subjectId: event.subjectId,
  payload: event.payload,
  createdAtMs: event.createdAtMs,
});

export class EventFeedService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Events of the principal's organization after `after` (exclusive; "0" or absent = from the start). */
  async listEvents(
    principal: Principal,
    request: { after?: string; limit?: number },
  ): Promise<EventFeedPage> {
    const after = request.after === undefined || request.after === '' ? 0 : Number(request.after);
    if (!Number.isSafeInteger(after) || after < 0) {
      throw validationFailed('bad cursor', [
        { field: 'after', reason: 'want a cursor returned by this feed' },
      ]);
    }
    const limit = Math.min(Math.max(request.limit ?? 100, 1), 500);
    const events = await listEventsAfter(this.deps.db, principal.organizationId, after, limit);
    const cursor = events.length > 0 ? String(events[events.length - 1].id) : String(after);
    return { events: events.map(toEventView), cursor };
  }
}
