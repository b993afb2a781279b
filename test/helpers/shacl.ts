// Validates a JSON-LD document against the DCAT-AP 3.0.1 SHACL shapes committed as a test fixture
// (test/fixtures/dcat-ap): JSON-LD → N-Quads (jsonld), parsed into an N3 store, checked by
// rdf-validate-shacl. Everything runs offline.
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const SHAPES_FILE = new URL('../fixtures/dcat-ap/dcat-ap-SHACL.ttl', import.meta.url);

export interface ShaclViolation {
  readonly severity: string;
  readonly focusNode: string;
  readonly path: string;
  readonly message: string;
}

let shapes: Store | undefined;

function dcatApShapes(): Store {
  shapes ??= new Store(new Parser().parse(readFileSync(SHAPES_FILE, 'utf8')));
  return shapes;
}

/** Every result of validating `document` (JSON-LD with an inline context) against DCAT-AP. */
export async function validateDcatAp(
  document: Readonly<Record<string, unknown>>,
): Promise<{ conforms: boolean; results: ShaclViolation[]; triples: number }> {
  // The document's context is inline: jsonld never fetches a remote context here.
  const nquads = await jsonld.toRDF(document, { format: 'application/n-quads' });
  const data = new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
  const report = await new SHACLValidator(dcatApShapes()).validate(data);
  return {
    conforms: report.conforms,
    triples: data.size,
    results: report.results.map((result) => ({
      severity: result.severity?.value.replace(/.*#/, '') ?? '',
      focusNode: result.focusNode?.value ?? '',
      path: result.path?.value ?? '',
      message: result.message.map((m) => m.value).join(' '),
    })),
  };
}
