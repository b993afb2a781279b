// Organization names for tables that list other organizations' objects, read once per page.
import type { Services } from '../services/index.js';
import type { RequestContext } from '../services/request-context.js';

export async function organizationNames(
  services: Services,
  context: RequestContext,
  ids: Iterable<string>,
): Promise<ReadonlyMap<string, string>> {
  const unique = [...new Set(ids)];
  const organizations = await Promise.all(
    unique.map((id) => services.organizations.getOrganization(context, id)),
  );
  return new Map(organizations.map((organization) => [organization.id, organization.name]));
}
