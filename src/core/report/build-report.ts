// Builds the anonymization report from the parts a pipeline run produced, removing any key material
// from transform parameters and deriving the verdict from the gate, the models and GB/T 42460.
import type {
  ModelCheck,
  PrivacyMeasurement,
  ReleaseAnalysis,
  UtilityMeasurement,
} from '../privacy/index.js';
import type {
  AnonymizationReport,
  ReportColumnFigure,
  ReportDetection,
  ReportGate,
  ReportIdentifierTransform,
  ReportReason,
  ReportRiskSummary,
  ReportTextScrub,
  ReportTransform,
} from './report-model.js';
import { REPORT_FORMAT, REPORT_VERSION } from './report-model.js';
import { ReportError } from './report-error.js';

/** What the de-identification pipeline hands over; `generatedAtMs` comes from the caller's clock. */
export interface ReportParts {
  readonly generatedAtMs: number;
  readonly software: { readonly name: string; readonly version: string };
  readonly input: AnonymizationReport['input'];
  readonly policy: AnonymizationReport['policy'];
  readonly transforms: readonly ReportTransform[];
  readonly detection: { readonly before: ReportDetection; readonly after?: ReportDetection | null };
  readonly privacy?: PrivacyMeasurement | null;
  readonly quasiIdentifiers?: readonly string[];
  readonly models?: readonly ModelCheck[];
  readonly utility?: UtilityMeasurement | null;
  readonly analysis?: ReleaseAnalysis | null;
  readonly search?: Readonly<Record<string, unknown>> | null;
  readonly output?: AnonymizationReport['output'];
  /** The irreversibility gate's verdict (core/deid), when the run has one. */
  readonly gate?: {
    readonly pass: boolean;
    readonly refusals: readonly ({
      readonly kind: string;
      readonly column?: string;
      /** One line a reviewer reads (the CLI prints the same). */
      readonly description?: string;
    } & Record<string, unknown>)[];
    /** The gate's figures beyond the verdict. */
    readonly figures?: GateFigures;
  };
}

/** What the gate measured, as the pipeline hands it over. */
export interface GateFigures {
  readonly quasiIdentifiers: ReportGate['quasiIdentifiers'];
  /** The privacy measurement over the declared quasi-identifiers alone. */
  readonly declaredPrivacy: PrivacyMeasurement | null;
  readonly columns: readonly ReportColumnFigure[];
  readonly identifierTransforms: readonly ReportIdentifierTransform[];
  readonly textScrubs: readonly ReportTextScrub[];
  readonly rowOrder: ReportGate['rowOrder'];
}

/** Parameter names that may hold key material: never written into a report. */
const SECRET_NAME = /key|secret|salt|password|passphrase|token|nonce|credential/i;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Assembles the report. Requires SHA-256 digests as 64 lower-case hex characters (else
 * `report_invalid_digest`) and a finite `generatedAtMs`. The verdict passes only when the gate
 * (if any) passed, every model check passed, no output column is still a direct identifier, and
 * the GB/T 42460 assessment passed.
 */
export function buildAnonymizationReport(parts: ReportParts): AnonymizationReport {
  checkDigest('input.sha256', parts.input.sha256);
  checkDigest('policy.sha256', parts.policy.sha256);
  if (parts.output) checkDigest('output.sha256', parts.output.sha256);
  if (!Number.isFinite(parts.generatedAtMs)) {
    throw new ReportError(
      'report_invalid_time',
      'generatedAtMs must be a finite number of milliseconds',
      {
        details: { got: parts.generatedAtMs },
      },
    );
  }
  const redactedParameters: { column: string; step: string; parameter: string }[] = [];
  const transforms = parts.transforms.map((transform) => ({
    column: transform.column,
    role: transform.role,
    outputs: [...transform.outputs],
    steps: transform.steps.map((step) => ({
      kind: step.kind,
      params: scrub(step.params, (parameter) =>
        redactedParameters.push({ column: transform.column, step: step.kind, parameter }),
      ) as Record<string, unknown>,
    })),
  }));
  const models = [...(parts.models ?? [])];
  const privacy = parts.privacy ?? null;
  const after = parts.detection.after ?? null;
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: new Date(parts.generatedAtMs).toISOString(),
    generatedAtMs: parts.generatedAtMs,
    software: { ...parts.software },
    input: { ...parts.input, columns: [...parts.input.columns] },
    policy: { ...parts.policy },
    transforms,
    redactedParameters,
    detection: { before: parts.detection.before, after },
    privacy:
      privacy === null
        ? null
        : {
            ...privacy,
            quasiIdentifiers: [...(parts.quasiIdentifiers ?? [])],
            suppressedShare: privacy.records === 0 ? 0 : privacy.suppressed / privacy.records,
          },
    models,
    utility: parts.utility ?? null,
    search: parts.search ?? null,
    output: parts.output ? { ...parts.output, columns: [...parts.output.columns] } : null,
    verdict: deriveVerdict(parts, models, privacy, after),
    gate: toReportGate(parts, privacy),
    analysis: parts.analysis ?? null,
  };
}

function toReportGate(parts: ReportParts, privacy: PrivacyMeasurement | null): ReportGate | null {
  const gate = parts.gate;
  if (gate === undefined) return null;
  const figures = gate.figures;
  return {
    pass: gate.pass,
    refusals: gate.refusals.map((refusal) => ({
      ...refusal,
      description: refusal.description ?? refusal.kind,
    })),
    quasiIdentifiers: figures?.quasiIdentifiers ?? {
      declared: [...(parts.quasiIdentifiers ?? [])],
      measured: [...(parts.quasiIdentifiers ?? [])],
    },
    declaredRisk: summarizeRisk(
      figures?.declaredPrivacy ?? null,
      figures?.quasiIdentifiers.declared ?? [],
    ),
    measuredRisk: summarizeRisk(privacy, figures?.quasiIdentifiers.measured ?? []),
    columns: [...(figures?.columns ?? [])],
    identifierTransforms: [...(figures?.identifierTransforms ?? [])],
    textScrubs: [...(figures?.textScrubs ?? [])],
    rowOrder: figures?.rowOrder ?? 'seeded',
  };
}

function summarizeRisk(
  privacy: PrivacyMeasurement | null,
  quasiIdentifiers: readonly string[],
): ReportRiskSummary | null {
  if (privacy === null) return null;
  return {
    quasiIdentifiers: [...quasiIdentifiers],
    classes: privacy.classes,
    k: privacy.k,
    prosecutor: privacy.risk.prosecutor,
    sampleUniques: privacy.risk.sampleUniques,
    R: privacy.gbt42460.R,
    level: privacy.gbt42460.level,
  };
}

function deriveVerdict(
  parts: ReportParts,
  models: readonly ModelCheck[],
  privacy: PrivacyMeasurement | null,
  after: ReportDetection | null,
): AnonymizationReport['verdict'] {
  const reasons: ReportReason[] = [];
  for (const refusal of parts.gate?.refusals ?? []) {
    reasons.push({
      code: 'gate_refusal',
      subject: refusal.column ?? refusal.kind,
      detail: refusal.description ?? refusal.kind,
    });
  }
  for (const check of models) {
    if (check.pass || check.model === 'gbt42460') continue;
    reasons.push({
      code: 'model_failed',
      subject: check.attribute === null ? check.model : `${check.model}:${check.attribute}`,
      detail: `measured ${check.value === null ? 'unsatisfiable' : String(check.value)}, required ${check.rule} ${check.threshold}`,
    });
  }
  for (const column of after?.columns ?? []) {
    if (column.direct_identifier) {
      reasons.push({
        code: 'direct_identifier_remains',
        subject: column.name,
        detail: column.findings.map((finding) => finding.kind).join(',') || 'direct identifier',
      });
    }
  }
  if (privacy !== null && !privacy.gbt42460.pass) {
    reasons.push({
      code: 'gbt42460_failed',
      subject: privacy.gbt42460.context,
      detail: `R = ${privacy.gbt42460.R}, level ${privacy.gbt42460.level}, threshold ${privacy.gbt42460.riskThreshold}`,
    });
  }
  const gatePass = parts.gate === undefined ? true : parts.gate.pass;
  return { pass: gatePass && reasons.length === 0 && parts.output !== undefined, reasons };
}

/** Deep copy without key-like parameters or binary values (which could be key bytes). */
function scrub(value: unknown, onRedact: (parameter: string) => void, path = ''): unknown {
  if (value instanceof Uint8Array || ArrayBuffer.isView(value)) {
    onRedact(path || '(value)');
    return undefined;
  }
  if (Array.isArray(value))
    return value.map((item, index) => scrub(item, onRedact, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(value)) {
      const innerPath = path === '' ? name : `${path}.${name}`;
      if (SECRET_NAME.test(name)) {
        onRedact(innerPath);
        continue;
      }
      const scrubbed = scrub(inner, onRedact, innerPath);
      if (scrubbed !== undefined) out[name] = scrubbed;
    }
    return out;
  }
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    onRedact(path || '(value)');
    return undefined;
  }
  return value;
}

function checkDigest(field: string, digest: string): void {
  if (!SHA256_HEX.test(digest)) {
    throw new ReportError(
      'report_invalid_digest',
      `${field} must be a SHA-256 digest in lower-case hex`,
      {
        details: { field, length: digest.length },
      },
    );
  }
}
