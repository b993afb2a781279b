// Which software this is: the name and version from package.json, read once when first imported.
// Reports, the CLI's --version and the OpenAPI document all name this one version.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(
  // src/ and dist/ both sit one level below the package root.
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { name: string; version: string };

export const SOFTWARE: { readonly name: string; readonly version: string } = Object.freeze({
  name: manifest.name,
  version: manifest.version,
});
