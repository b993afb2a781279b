// Sends a service's byte stream (a download, an export) as a response body with back-pressure
// end to end: the stream is pulled for one chunk ahead of the socket, no more. Readable.from's
// default (16 objects ahead) let a slow client hold 16 of a download's multi-megabyte parts in the
// gateway's memory, with the engine producing them as fast as it could; it also kept the parts
// alive long enough to reach V8's old generation, so each cost a full collection to free.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';

/** Chunks pulled ahead of what the response has taken. */
const CHUNKS_AHEAD = 1;

export function sendChunks(chunks: AsyncIterable<Uint8Array>, response: Writable): Promise<void> {
  return pipeline(Readable.from(chunks, { highWaterMark: CHUNKS_AHEAD }), response);
}
