// Notifications of the buyer workflow: the per-organization events feed and the publish function services use.
export {
  EventFeedService,
  toEventView,
  type EventFeedPage,
  type EventView,
} from './event-feed-service.js';
export {
  publishEvent,
  publishEvents,
  publishEventsWithWrites,
  type EventKind,
  type EventToPublish,
} from './publish-event.js';
