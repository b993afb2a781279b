// The media types a table upload may carry (a dataset revision, a leaked copy) and the format each means.
import type { Request } from 'express';

export type UploadFormat = 'csv' | 'jsonl' | 'arrow';

/** Upload media types and the table format each one means (octet-stream: `?format=` says). */
export const TABLE_UPLOAD_TYPES: Readonly<Record<string, UploadFormat | undefined>> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/vnd.apache.arrow.file': 'arrow',
  'application/vnd.apache.arrow.stream': 'arrow',
  'application/octet-stream': undefined,
};

/** The request's media type (lower case, no parameters). */
export function mediaTypeOf(req: Request): string {
  return (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}
