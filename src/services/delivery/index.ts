// Delivery of traded data: JSON queries and streamed downloads, fingerprinted per trade and logged per access.
export {
  DeliveryService,
  MINIMUM_REPORTED_GROUP_SIZE,
  PREPARED_LISTING_ROWS,
  fingerprintHeader,
  type CopyFingerprint,
  type Download,
  type QueryAnswer,
} from './delivery-service.js';
export { COPY_FORMATS, MEDIA_TYPES, streamCopy, type CopyFormat } from './copy-stream.js';
export { ServingArtifacts } from './serving-artifacts.js';
