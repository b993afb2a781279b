// The structured logger (pino): JSON lines; keys and Authorization headers are redacted wherever
// they appear, as a second line of defence behind code that never logs them in the first place.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'key',
  '*.key',
  'masterKey',
  '*.masterKey',
];

export function createLogger(
  config: Pick<Config, 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'anonex' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}
