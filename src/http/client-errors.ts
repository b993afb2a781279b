// Requests Node's HTTP parser refuses before Express sees them (a header block over maxHeaderSize,
// bytes that are not HTTP, a request that never finished) still get a problem+json answer: Node's
// own answer is a bare status line, which clients and log collectors cannot tell apart.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { ErrorCode } from '../edge/error-codes.js';
import { PROBLEM_CONTENT_TYPE, problemOf } from '../edge/problem.js';
import { REQUEST_ID_HEADER } from '../edge/request-id.js';

/** Node's parser error codes, and the problem each answers with. */
function problemCodeOf(errorCode: string | undefined): ErrorCode {
  if (errorCode === 'HPE_HEADER_OVERFLOW') return 'request_header_too_large';
  if (errorCode === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout';
  return 'malformed_request';
}

const DETAILS: Partial<Record<ErrorCode, string>> = {
  request_header_too_large: 'the request headers exceed the limit (maxHeaderSize)',
  request_timeout: 'the request was not received in time',
  malformed_request: 'the request is not well-formed HTTP',
};

/** Answers every `clientError` of `server` with a problem+json document, then closes the socket. */
export function answerClientErrors(
  server: Server,
  options: { logger: Logger; newRequestId: () => string },
): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A peer that went away, or a socket already answered, has nobody to read an answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const code = problemCodeOf(error.code);
    const requestId = options.newRequestId();
    const problem = { ...problemOf(code, DETAILS[code] ?? code), requestId };
    const body = JSON.stringify(problem);
    options.logger.info(
      { requestId, code, parserError: error.code },
      'request refused by the parser',
    );
    socket.end(
      [
        `HTTP/1.1 ${problem.status} ${problem.title}`,
        `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        `${REQUEST_ID_HEADER}: ${requestId}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
