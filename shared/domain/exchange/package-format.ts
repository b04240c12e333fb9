/**
 * The exchange package (.cadx): what a 街道 (or 县区) sends up the cascade after finalizing a round.
 *
 * A zip with exactly three entries:
 * - `manifest.json`: format version, source (level, code, name), round, revision, the sender's
 *   Ed25519 public key and every other file with its sha256 and size;
 * - `payload.json`: the round's results per appraised unit (see {@link packagePayloadSchema});
 * - `signature.sig`: the Ed25519 signature (base64) of the exact bytes of `manifest.json`.
 *
 * The package's identity is the sha256 of `payload.json`: the payload holds nothing that changes
 * when the same finalized round is exported twice (no export time), so an identical re-export is
 * recognised as identical and a different payload under the same revision as a conflict.
 */
import { z } from 'zod';

export const PACKAGE_EXTENSION = '.cadx';
export const PACKAGE_FORMAT = 'community-appraisal-exchange';
export const PACKAGE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const PAYLOAD_FILE = 'payload.json';
export const SIGNATURE_FILE = 'signature.sig';
/** The only entries a package may hold, in the order they are written. */
export const PACKAGE_ENTRIES = [MANIFEST_FILE, PAYLOAD_FILE, SIGNATURE_FILE] as const;

export const UNIT_LEVELS = ['街道', '县区', '市'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 应为 64 位十六进制');
const roundIdSchema = z.string().regex(/^\d{4}Q[1-4]$/);

export const packageSourceSchema = z.object({
  level: z.enum(UNIT_LEVELS),
  /** 统计用区划代码 (9 digits for a 街道, 6 for a 县区 or 市); empty when the sender has not set it. */
  code: z.string().max(12),
  name: z.string().min(1).max(40),
});
export type PackageSource = z.infer<typeof packageSourceSchema>;

export const manifestSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    formatVersion: z.number().int().positive(),
    source: packageSourceSchema,
    round: roundIdSchema,
    /** 1 at the first finalization; each re-finalization after an unlock raises it. */
    revision: z.number().int().positive(),
    exportedAt: z.string(),
    /** The sender's Ed25519 public key, raw 32 bytes as base64; its sha256 is the fingerprint. */
    publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
    files: z
      .array(z.object({ name: z.string(), sha256: sha256Hex, size: z.number().int().nonnegative() }))
      .min(1)
      .max(8),
  })
  .strict();
export type PackageManifest = z.infer<typeof manifestSchema>;

const points = z.number().finite();

export const evidenceFileSchema = z.object({ name: z.string(), sha256: sha256Hex, size: z.number().int().nonnegative() });

export const unitDeductionSchema = z.object({
  itemCode: z.string(),
  itemTitle: z.string(),
  reason: z.string(),
  points,
  /**
   * The department that imposed a 清单外 task, when the deduction records one. A package written
   * before deductions could name one has no such field: read as null.
   */
  department: z.string().nullable().default(null),
  evidence: z.string(),
  files: z.array(evidenceFileSchema),
});
export type UnitDeduction = z.infer<typeof unitDeductionSchema>;

/** 下沉干部 of one 工作单位 in one community: registered, and reported within the half year. */
export const cadreCountSchema = z.object({
  workUnit: z.string(),
  registered: z.number().int().nonnegative(),
  reported: z.number().int().nonnegative(),
});
export type CadreCount = z.infer<typeof cadreCountSchema>;

/** One appraised unit (a 社区 in a 街道's package, a 街道 in a 县区's) with its quarter's result. */
export const packageUnitSchema = z.object({
  /** The unit's code when it has one, else its name: the key a receiver matches units by. */
  key: z.string().min(1),
  code: z.string().nullable(),
  name: z.string(),
  kind: z.string(),
  rank: z.number().int(),
  grade: z.string(),
  total: points,
  base: points,
  bonus: points,
  deducted: points,
  complete: z.boolean(),
  vetoes: z.array(z.object({ code: z.string(), title: z.string(), effect: z.string(), fact: z.string() })),
  categories: z.array(z.object({ code: z.string(), name: z.string(), score: points, max: points })),
  items: z.array(
    z.object({ code: z.string(), title: z.string(), categoryCode: z.string(), score: points, max: points, status: z.string() }),
  ),
  deductions: z.array(unitDeductionSchema),
  /** 整改 raised this quarter. */
  rectifications: z.array(z.object({ itemCode: z.string(), text: z.string(), lost: points })),
  /** 整改 from earlier quarters: still open, or verified (销号) in this one. */
  earlierRectifications: z.array(z.object({ fromRound: z.string(), itemCode: z.string(), text: z.string(), status: z.string() })),
  /** The roster metrics frozen for the round (households, workers, 下沉干部 …); null where unknown. */
  metrics: z.record(z.string(), z.number().nullable()),
  cadres: z.array(cadreCountSchema),
  /**
   * A 县区's package: the 清单外 tasks its 街道 recorded per imposing department, passed on so the
   * city can attribute them to its 成员单位 (absent in a 街道's package: its deductions say it).
   */
  departmentTasks: z.array(z.object({ department: z.string(), count: z.number().int().nonnegative(), points })).optional(),
});
export type PackageUnit = z.infer<typeof packageUnitSchema>;

/** A package a 县区 merged before re-exporting: the city sees which streets are missing. */
export const mergedPackageSchema = z.object({
  level: z.enum(UNIT_LEVELS),
  code: z.string(),
  name: z.string(),
  round: roundIdSchema,
  revision: z.number().int().positive(),
  sha256: sha256Hex,
});
export type MergedPackage = z.infer<typeof mergedPackageSchema>;

export const packagePayloadSchema = z.object({
  source: packageSourceSchema,
  round: z.object({
    id: roundIdSchema,
    year: z.number().int(),
    quarter: z.number().int().min(1).max(4),
    title: z.string(),
    revision: z.number().int().positive(),
    finalizedAt: z.string(),
    docNumber: z.string().nullable(),
    /** The 校验码 printed on the finalized 通报. */
    reportHash: z.string().nullable(),
  }),
  standard: z.object({
    version: z.number().int(),
    name: z.string(),
    /** sha256 of the canonical JSON of `body`. */
    sha256: sha256Hex,
    body: z.unknown(),
  }),
  grades: z.array(z.object({ label: z.string(), min: points, count: z.number().int() })),
  units: z.array(packageUnitSchema),
  merged: z.array(mergedPackageSchema),
});
export type PackagePayload = z.infer<typeof packagePayloadSchema>;

/** Fingerprint as typed or pasted (spaces, colons, upper case) → 64 lower-case hex digits, or null. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** Fingerprint in groups of four, for reading out over the phone. */
export function formatFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

/** `F` of a package name: 龙塔街道-2021Q3-第1版.cadx */
export function packageFileName(sourceName: string, roundId: string, revision: number): string {
  return `${sourceName}-${roundId}-第${revision}版${PACKAGE_EXTENSION}`;
}
