// The background ticker that escalates access requests whose answer deadline has passed.
import type { BackgroundWorker } from '../background-worker.js';
import type { Logger } from 'pino';
import type { AccessRequestService } from './access-request-service.js';

/** Runs `escalateOverdueAccessRequests` every `intervalMs` (default one minute); the clock is the service's. */
export function createOverdueEscalationWorker(
  service: AccessRequestService,
  logger: Logger,
  intervalMs = 60_000,
): BackgroundWorker & { tick(): Promise<string[]> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async (): Promise<string[]> => {
    const escalated = await service.escalateOverdueAccessRequests();
    if (escalated.length > 0)
      logger.info({ escalated: escalated.length }, 'access requests escalated as overdue');
    return escalated;
  };
  return {
    name: 'access-request-deadlines',
    tick,
    start() {
      timer = setInterval(() => {
        running = tick().catch((error: unknown) =>
          logger.error({ err: error }, 'overdue escalation failed'),
        );
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
