// Query and response shapes of cursor paging, shared by every list route.
import { z } from 'zod';
import { MAX_PAGE_LIMIT } from '../../services/page.js';

export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .optional()
    .describe('Items per page (1–200, default 50)'),
  cursor: z.string().min(1).max(200).optional().describe('`nextCursor` of the previous page'),
});

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
