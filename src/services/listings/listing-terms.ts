// What a provider writes into a listing: bilingual text, price in fen, licence, permitted purposes.
import { z } from 'zod';
import { nameSchema } from '../../core/names.js';

/** Controlled vocabulary of purposes (seed Art. 18: data is used only for the declared purpose). */
export const PURPOSE_CODES = [
  'scientific_research',
  'statistics',
  'public_service',
  'government_administration',
  'product_development',
  'risk_management',
  'market_analysis',
  'education',
] as const;

export type PurposeCode = (typeof PURPOSE_CODES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const bilingualSchema = (max: number) => z.object({ zh: text(max), en: text(max) }).strict();

/** A title in both languages: names (core/names.ts), shown in the catalog and receipts. */
const bilingualNameSchema = z.object({ zh: nameSchema(), en: nameSchema() }).strict();

export const permittedPurposesSchema = z
  .object({
    codes: z.array(z.enum(PURPOSE_CODES)).min(1),
    /** Further purposes in the provider's words, shown to buyers beside the codes. */
    freeText: text(2000).optional(),
  })
  .strict();

export type PermittedPurposes = z.infer<typeof permittedPurposesSchema>;

const tagsSchema = z.array(nameSchema(50)).max(20);
/** Anonymized rows shown in the catalog as a preview. */
const previewRowsSchema = z.number().int().min(0).max(20);

const termsShape = {
  title: bilingualNameSchema,
  description: bilingualSchema(8000),
  tags: tagsSchema,
  /** Price in CNY fen (1 yuan = 100 fen); 0 for free open data. */
  priceFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  licenceTerms: text(20000),
  permittedPurposes: permittedPurposesSchema,
  /** How long an entitlement lasts from purchase. */
  accessDurationDays: z.number().int().min(1).max(3650),
  previewRows: previewRowsSchema,
};

export const listingTermsSchema = z
  .object({
    ...termsShape,
    tags: tagsSchema.default([]),
    previewRows: previewRowsSchema.default(5),
  })
  .strict();

export const newListingSchema = listingTermsSchema.extend({ reviewId: text(64) }).strict();

/** An edit names only what changes (no defaults: an absent field keeps its value). */
export const listingPatchSchema = z
  .object(termsShape)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, {
    message: 'name at least one field to change',
  });

export type ListingTerms = z.infer<typeof listingTermsSchema>;
export type NewListing = z.infer<typeof newListingSchema>;
export type ListingPatch = z.infer<typeof listingPatchSchema>;
