// Cursor paging shared by every list call: a page of items and the cursor of the next page.

export interface Page<Item> {
  readonly items: readonly Item[];
  /** Pass back as `cursor` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface PageRequest {
  /** 1..200; services clamp. */
  readonly limit?: number;
  readonly cursor?: string;
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

export function pageLimit(request: PageRequest): number {
  return Math.min(Math.max(request.limit ?? DEFAULT_PAGE_LIMIT, 1), MAX_PAGE_LIMIT);
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only tells that a next page
 * exists; the cursor is the last returned item's key.
 */
export function toPage<Item>(
  rows: readonly Item[],
  limit: number,
  cursorOf: (item: Item) => string,
): Page<Item> {
  const items = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return {
    items,
    nextCursor: hasMore && items.length > 0 ? cursorOf(items[items.length - 1]) : null,
  };
}

/**
 * Every item of a paged list, reading page after page from `readPage(cursor)` until the last one
 * (a null or empty next cursor). For exports and CLI listings, which want the whole list.
 */
export async function collectAllPages<Item>(
  readPage: (cursor: string | undefined) => Promise<Page<Item>>,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
