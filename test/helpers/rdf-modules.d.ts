// The few signatures test/helpers/shacl.ts uses from jsonld, n3 and rdf-validate-shacl (dev
// dependencies). Declared here so that the type check of a checkout whose node_modules predates
// them still passes; only the SHACL tests need the packages installed (`npm ci`).
declare module 'jsonld' {
  const jsonld: {
    toRDF(document: object, options: { format: 'application/n-quads' }): Promise<string>;
  };
  export default jsonld;
}

declare module 'n3' {
  export interface Quad {
    readonly subject: { readonly value: string };
  }
  export class Parser {
    constructor(options?: { format?: string });
    parse(text: string): Quad[];
  }
  export class Store {
    constructor(quads?: Quad[]);
    readonly size: number;
  }
}

declare module 'rdf-validate-shacl' {
  import type { Store } from 'n3';
  interface Term {
    readonly value: string;
  }
  export default class SHACLValidator {
    constructor(shapes: Store);
    validate(data: Store): Promise<{
      readonly conforms: boolean;
      readonly results: readonly {
        readonly severity: Term | null;
        readonly focusNode: Term | null;
        readonly path: Term | null;
        readonly message: readonly Term[];
      }[];
    }>;
  }
}
