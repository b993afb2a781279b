// The kinds of organization a gateway registers (an enterprise, a government body, a public service).

export const ORGANIZATION_KINDS = ['enterprise', 'government', 'public-service'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
