// Builds the provider workflow's services over one engine: datasets, jobs and their runner,
// reviews, listings and the catalog. The composition root (services/index.ts) spreads it in.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { CatalogService } from './catalog/catalog-service.js';
import { CatalogVersion } from './catalog/catalog-version.js';
import { DatasetService } from './datasets/dataset-service.js';
import type { ServiceDeps } from './deps.js';
import { ListingService } from './listings/listing-service.js';
import { ReviewService } from './reviews/review-service.js';
import { CoreAnonymizationEngine } from './engine/core-anonymization-engine.js';
import type { AnonymizationEngine } from './engine/anonymization-engine.js';
import { JobRunner } from './jobs/job-runner.js';
import { JobService } from './jobs/job-service.js';
import { defaultPoliciesDirectory } from './jobs/policy-source.js';

export interface ProviderWorkflowOptions {
  /** Default: the real engine (core/table, detect, deid, privacy, report). */
  readonly engine?: AnonymizationEngine;
  /** Default: the repository's policies/ folder. */
  readonly policiesDirectory?: string;
  /** Told of each listing published through this gateway, once committed. */
  readonly onListingPublished?: (listingId: string) => void;
}

export function createProviderWorkflow(deps: ServiceDeps, options: ProviderWorkflowOptions = {}) {
  const policiesDirectory = options.policiesDirectory ?? defaultPoliciesDirectory();
  const engine =
    options.engine ??
    new CoreAnonymizationEngine({
      clock: deps.clock,
      policiesDirectory,
      blobs: deps.blobs,
      memoryMb: deps.config.jobMemoryMb,
    });
  // Shared: the listing service bumps it, the catalog keeps the pages of one version.
  const catalogVersion = new CatalogVersion();
  return {
    datasets: new DatasetService(deps, engine),
    jobs: new JobService(deps, { policiesDirectory }),
    /** A BackgroundWorker: the gateway starts it after listening (JOB_CONCURRENCY jobs at once). */
    jobRunner: new JobRunner(deps, engine, {
      concurrency: deps.config.jobConcurrency,
      workerId: `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
    }),
    reviews: new ReviewService(deps),
    listings: new ListingService(deps, engine, catalogVersion, options.onListingPublished),
    catalog: new CatalogService(deps, catalogVersion),
  };
}
