// The ledger services other areas use: sequencing, receipts, proofs, key rotation, member certificates.
export { LedgerService, MAX_ENTRIES_PER_PAGE } from './ledger-service.js';
export type {
  CheckpointView,
  ConsistencyProofView,
  EntryView,
  InclusionProofView,
  LedgerKeyView,
  LedgerServiceOptions,
} from './ledger-service.js';
export { LedgerSequencer } from './sequencer.js';
export type { SequencerFaults, BatchOutcome } from './sequencer.js';
export { MemberCertificateService } from './member-certificates.js';
export type { IssuedCertificate, MemberSignatureRecord } from './member-certificates.js';
export { auditStoredLog } from './stored-log-audit.js';
export { WitnessCollector } from './witness-collector.js';
export { ReconciliationService, type ReconciliationStatus } from './reconciliation-service.js';
export type { ReconciliationReport } from './ledger-reconciliation.js';
