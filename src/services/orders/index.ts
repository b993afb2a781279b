// Orders and trades of the exchange: placing an order creates a trade and its entitlement atomically.
export {
  OrderService,
  toTradeView,
  type OrderInput,
  type OrderResult,
  type OrderServiceOptions,
  type TradeView,
} from './order-service.js';
export { openFingerprintKey } from './fingerprint-key.js';
