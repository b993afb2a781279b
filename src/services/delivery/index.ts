// Delivery of traded data: JSON queries and streamed downloads, fingerprinted per trade and logged per access.
export {
  DeliveryService,
  MINIMUM_REPORTED_GROUP_SIZE,
  type Download,
  type QueryAnswer,
} from './delivery-service.js';
export { MEDIA_TYPES, streamTable } from './stream-table.js';
export { loadEntitledCopy } from './entitled-copy.js';
