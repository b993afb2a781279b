// The parties every buyer-workflow response names (access requests, trades, entitlements): the
// listing and revision traded, the provider and the buying organization. Spread into each schema.
import { z } from 'zod';

export const tradePartiesFields = {
  listingId: z.string(),
  listingRevision: z.number().int(),
  providerOrganizationId: z.string(),
  buyerOrganizationId: z.string(),
};
