// Creates the buyer workflow's services and workers; src/services/index.ts spreads them in.
import type { BackgroundWorker } from './background-worker.js';
import type { ServiceDeps } from './deps.js';
import {
  AccessRequestService,
  HolidayCalendarService,
  createHolidayCalendarWorker,
  createOverdueEscalationWorker,
} from './access-requests/index.js';
import { DeliveryService } from './delivery/index.js';
import { EntitlementService } from './entitlements/index.js';
import { EventFeedService } from './events/index.js';
import { WebhookDeliverer, WebhookService, createWebhookDeliveryWorker } from './webhooks/index.js';
import { OrderService } from './orders/order-service.js';

export function createBuyerWorkflow(deps: ServiceDeps) {
  const entitlements = new EntitlementService(deps);
  const holidayCalendar = new HolidayCalendarService(deps);
  return {
    holidayCalendar,
    accessRequests: new AccessRequestService(deps, holidayCalendar),
    orders: new OrderService(deps),
    entitlements,
    delivery: new DeliveryService(deps, entitlements),
    eventFeed: new EventFeedService(deps),
    webhooks: new WebhookService(deps),
    webhookDeliverer: new WebhookDeliverer(deps),
  };
}

export type BuyerWorkflowServices = ReturnType<typeof createBuyerWorkflow>;

/**
 * The access-request deadline sweeper (every minute), the holiday-calendar check (at start, then
 * hourly: warns of missing notices, recomputes deadlines when the calendar changed) and the
 * webhook deliverer (every second); and the serving engine, closed last on shutdown.
 */
export function createBuyerWorkers(
  deps: ServiceDeps,
  services: BuyerWorkflowServices,
): BackgroundWorker[] {
  return [
    createOverdueEscalationWorker(services.accessRequests, deps.logger),
    createHolidayCalendarWorker(services.holidayCalendar, deps.logger),
    createWebhookDeliveryWorker(services.webhookDeliverer, deps.logger),
    // Not a loop: its stop closes the query engine once requests have drained.
    {
      name: 'serving-engine',
      start: () => undefined,
      stop: () => services.delivery.serving.close(),
    },
  ];
}
