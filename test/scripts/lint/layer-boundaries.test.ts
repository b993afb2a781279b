// The lint configuration that `npm test` runs refuses imports pointing up or sideways between the
// layers of src/, I/O in core and process.env outside config.ts; and lets the downward ones pass.
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ESLint } from 'eslint';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** The rules that keep the layers; the snippets below break others (unused imports) on purpose. */
const BOUNDARY_RULES = ['layers/boundaries', 'no-restricted-imports', 'no-restricted-properties'];

interface Case {
  readonly desc: string;
  readonly file: string;
  readonly code: string;
  /** The rule that must report, or null when the import is allowed. */
  readonly want: string | null;
}

const cases: readonly Case[] = [
  {
    desc: 'core imports domain',
    file: 'src/core/privacy/example.ts',
    code: "import type { Role } from '../../domain/index.js';",
    want: null,
  },
  {
    desc: 'services import store and core',
    file: 'src/services/jobs/example.ts',
    code: "import type { Queryable } from '../../store/db.js';\nimport { AnonexError } from '../../core/errors.js';",
    want: null,
  },
  {
    desc: 'http and web use the edge they share',
    file: 'src/web/example.ts',
    code: "import { toProblem } from '../edge/problem.js';\nimport { requestIdOf } from '../edge/request-id.js';",
    want: null,
  },
  {
    desc: 'the edge reads the store error codes from domain',
    file: 'src/edge/example.ts',
    code: "import { STORE_ERROR_CODES } from '../domain/store-error-codes.js';",
    want: null,
  },
  {
    desc: 'the CLI imports the gateway and the store',
    file: 'src/cli/commands/example.ts',
    code: "import { startGateway } from '../../gateway.js';\nimport { openDatabase } from '../../store/db.js';",
    want: null,
  },
  {
    desc: 'tests are outside the layers',
    file: 'test/example.test.ts',
    code: "import { main } from '../src/cli/index.js';",
    want: null,
  },
  {
    desc: 'store imports services (the arrow issue 18 removed)',
    file: 'src/store/repositories/members.ts',
    code: "import type { Role } from '../../services/principal.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'core imports store',
    file: 'src/core/ledger/example.ts',
    code: "import { openDatabase } from '../../store/db.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'domain imports core',
    file: 'src/domain/example.ts',
    code: "import { AnonexError } from '../core/errors.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'http imports web (sideways)',
    file: 'src/http/example.ts',
    code: "import { consoleMount } from '../web/index.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'web imports http (sideways: they share src/edge/ instead)',
    file: 'src/web/example.ts',
    code: "import { toProblem } from '../http/problem.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'http imports the store error codes from the store',
    file: 'src/http/example.ts',
    code: "import { STORE_ERROR_CODES } from '../store/errors.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'web imports the store',
    file: 'src/web/pages/example.ts',
    code: "import type { BlobStore } from '../../store/blob-store.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'the edge imports http (upward)',
    file: 'src/edge/example.ts',
    code: "import { handleErrors } from '../http/error-handler.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'http imports a repository',
    file: 'src/http/routes/example.ts',
    code: "import { findReview } from '../../store/repositories/reviews.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'services import the edge',
    file: 'src/services/reviews/example.ts',
    code: "import { toProblem } from '../../edge/problem.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'core re-exports services',
    file: 'src/core/example.ts',
    code: "export * from '../services/index.js';",
    want: 'layers/boundaries',
  },
  {
    desc: 'core imports services dynamically',
    file: 'src/core/example.ts',
    code: "export const load = () => import('../services/index.js');",
    want: 'layers/boundaries',
  },
  {
    desc: 'an import of a src/ file that no layer claims',
    file: 'src/core/example.ts',
    code: "import { x } from '../unplaced.js';\nvoid x;",
    want: 'layers/boundaries',
  },
  {
    desc: 'a src/ file that no layer claims',
    file: 'src/unplaced/example.ts',
    code: 'export const x = 1;',
    want: 'layers/boundaries',
  },
  {
    desc: 'core reads a file',
    file: 'src/core/table/example.ts',
    code: "import { readFileSync } from 'node:fs';\nvoid readFileSync;",
    want: 'no-restricted-imports',
  },
  {
    desc: 'services read the environment',
    file: 'src/services/example.ts',
    code: 'export const port = process.env.PORT;',
    want: 'no-restricted-properties',
  },
];

describe('lint: layer boundaries (eslint.config.js, scripts/lint/layer-boundaries.js)', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: repositoryRoot });

  for (const { desc, file, code, want } of cases) {
    it(`${want === null ? 'allows' : 'refuses'}: ${desc}`, async () => {
      const [result] = await eslint.lintText(`${code}\n`, { filePath: file });
      const rules = result.messages
        .map((message) => message.ruleId)
        .filter((rule) => rule !== null && BOUNDARY_RULES.includes(rule));
      if (want === null) expect(rules, JSON.stringify(result.messages)).to.deep.equal([]);
      else expect(rules).to.include(want);
    });
  }

  it('reports an upward import with both layers and the allowed ones', async () => {
    const [result] = await eslint.lintText(
      "import type { Role } from '../../services/principal.js';\n",
      { filePath: 'src/store/repositories/members.ts' },
    );
    const boundaries = result.messages.filter((message) => message.ruleId === 'layers/boundaries');
    expect(boundaries.map((message) => message.message)).to.deep.equal([
      "store may not import services ('../../services/principal.js'): store imports only core, domain (docs/architecture.md)",
    ]);
  });
});
