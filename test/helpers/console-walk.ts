// The console walk's fixture, shared by the 中文 and English walks (issue 17): one exchange whose
// members write in Chinese (names, organizations, purposes, reasons), so that a word on a page
// that is not in the page language is the console's own, not the user's. Each role gets the
// pages it can open.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LANGUAGE_COOKIE } from '../../src/web/cookies.js';
import { LISTING_TERMS } from '../../scripts/demo/scenario.js';
import { newConsoleContext, signInThroughPage } from './browser.js';
import { publishHospitalListing, submitHospitalReview } from './console-flow.js';
import type { TestGateway, TestMember } from './gateway.js';
import { sampleMetadata } from './provider-workflow.js';

export const WALK_ROLES = ['provider', 'reviewer', 'buyer', 'admin'] as const;
export type WalkRole = (typeof WALK_ROLES)[number];

export interface Walk {
  readonly member: TestMember;
  readonly paths: readonly string[];
}

export interface ConsoleWalks {
  readonly walks: Record<WalkRole, Walk>;
  readonly listingId: string;
  readonly jobId: string;
  readonly entitlementId: string;
  /** A report the reviewer rejected (decided: the certificate names the reviewer). */
  readonly rejectedReviewId: string;
  /** A report still waiting for the reviewer's decision. */
  readonly pendingReviewId: string;
  /** Every text the fixture's people wrote in Chinese: user data, not the console's words. */
  readonly userTexts: readonly string[];
}

const REJECTION_REASONS = '效用不足：诊断字段泛化过度，无法用于研究。';

export async function seedConsoleWalks(gateway: TestGateway): Promise<ConsoleWalks> {
  const userTexts: string[] = [];
  const member = async (role: 'provider' | 'reviewer' | 'buyer', displayName: string) => {
    const organizationName = `${displayName}所在单位`;
    userTexts.push(displayName, organizationName);
    return gateway.createMember([role], {
      displayName,
      organizationId: (await gateway.createOrganization({ name: organizationName })).id,
    });
  };
  const metadata = {
    usageRequirements: '仅限科研使用，引用时注明提供方。',
    dataSource: '门诊系统',
  };
  const listing = await publishHospitalListing(gateway, {
    sharingType: 'conditional',
    provider: await member('provider', '张医生'),
    reviewer: await member('reviewer', '李审核'),
    metadata,
  });
  const { listingId, jobId } = listing;
  const buyer = await member('buyer', '王研究员');
  const intendedUse = '门诊病种构成与费用研究（流行病学）';
  const request = await gateway.services.accessRequests.submitAccessRequest(buyer.context, {
    listingId,
    purpose: 'scientific_research',
    intendedUse,
    requestedDurationDays: 180,
    columns: ['sex', 'age', 'district', 'diagnosis'],
  });
  await gateway.services.accessRequests.approveAccessRequest(listing.provider.context, request.id);
  const order = await gateway.services.orders.placeOrder(buyer.context, {
    listingId,
    accessRequestId: request.id,
  });
  const entitlementId = order.entitlement.id;
  await gateway.services.delivery.queryEntitledData(buyer.context, entitlementId, {
    groupBy: ['sex'],
    aggregates: [{ fn: 'count', as: 'n' }],
  });
  // A second report the same reviewer rejects, and one left pending.
  const rejected = await submitHospitalReview(gateway, listing.provider);
  await gateway.services.reviews.rejectReview(listing.reviewer.context, rejected.reviewId, {
    reasons: REJECTION_REASONS,
    checklist: {
      identifiersChecked: true,
      riskCalculationChecked: true,
      contextAndThresholdAppropriate: true,
      utilityAcceptable: false,
    },
  });
  const pending = await submitHospitalReview(gateway, listing.provider);
  await gateway.services.ledger.flush();
  const { treeSize } = await gateway.services.ledger.latestCheckpoint();
  const ledgerEntries = Array.from(
    { length: treeSize },
    (_, index) => `/console/ledger/entries/${index}`,
  );
  const dataset = await gateway.services.datasets.getDataset(
    listing.provider.context,
    listing.datasetId,
  );
  userTexts.push(
    intendedUse,
    REJECTION_REASONS,
    dataset.name,
    ...Object.values(metadata),
    ...textsOf(sampleMetadata()),
    ...textsOf(dataset.metadata),
    ...textsOf(LISTING_TERMS),
  );
  const walks: Record<WalkRole, Walk> = {
    provider: {
      member: listing.provider,
      paths: [
        '/console',
        '/console/datasets',
        `/console/datasets/${listing.datasetId}`,
        `/console/jobs/${listing.jobId}`,
        '/console/listings',
        `/console/listings/${listingId}`,
        '/console/requests',
        '/console/catalog',
        `/console/review/${rejected.reviewId}`,
        '/console/ledger',
        ...ledgerEntries,
      ],
    },
    reviewer: {
      member: listing.reviewer,
      paths: [
        '/console',
        '/console/review',
        '/console/review?state=approved',
        '/console/review?state=rejected',
        `/console/review/${pending.reviewId}`,
        `/console/review/${listing.reviewId}`,
        `/console/review/${rejected.reviewId}`,
      ],
    },
    buyer: {
      member: buyer,
      paths: [
        '/console',
        '/console/catalog',
        `/console/catalog/${listingId}`,
        '/console/requests',
        '/console/entitlements',
        `/console/entitlements/${entitlementId}`,
        ...ledgerEntries,
      ],
    },
    admin: {
      member: gateway.admin,
      paths: ['/console', '/console/requests', '/console/catalog', '/console/ledger'],
    },
  };
  return {
    walks,
    listingId,
    jobId,
    entitlementId,
    rejectedReviewId: rejected.reviewId,
    pendingReviewId: pending.reviewId,
    userTexts: [...new Set(userTexts)],
  };
}

/** Every string inside a value (metadata, listing terms), however deeply nested. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

/** A signed-in page in the language asked for (中文 is the console's default). */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  member: TestMember,
  options: { language?: 'zh' | 'en'; size?: 'desktop' | 'phone' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newConsoleContext(browser, options.size);
  if (options.language)
    await context.addCookies([{ name: LANGUAGE_COOKIE, value: options.language, url: baseUrl }]);
  const page = await context.newPage();
  await signInThroughPage(page, baseUrl, member.key);
  return { context, page };
}
