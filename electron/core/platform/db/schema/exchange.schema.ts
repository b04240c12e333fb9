import type { Generated } from 'kysely';

/** This installation's Ed25519 key (one row): raw public key (base64), PKCS#8 PEM private key. */
export interface ExchangeIdentityTable {
  id: number;
  public_key: string;
  private_key: string;
  fingerprint: string;
  created_at: string;
}

/** The payload of each revision this database exported (re-exports reuse it). */
export interface ExchangeExportsTable {
  round_id: string;
  revision: number;
  sha256: string;
  payload_json: string;
  exported_at: string;
  exported_by: string;
}

export interface ExchangeSendersTable {
  fingerprint: string;
  name: string;
  code: string;
  level: string;
  trusted_at: string;
  trusted_by: string;
}

export interface ExchangePackagesTable {
  id: Generated<number>;
  sender_fingerprint: string;
  source_level: string;
  source_code: string;
  source_name: string;
  round_id: string;
  year: number;
  quarter: number;
  revision: number;
  sha256: string;
  file_sha256: string;
  /** current | superseded | conflict (waits for an administrator) | rejected (the administrator kept the current one) */
  status: string;
  finalized_at: string;
  exported_at: string;
  received_at: string;
  received_by: string;
  decided_at: string | null;
  decided_by: string | null;
  manifest_json: string;
  payload_json: string;
}

export interface ExchangeUnitsTable {
  package_id: number;
  unit_key: string;
  code: string | null;
  name: string;
  kind: string;
  rank: number;
  grade: string;
  total_tenths: number;
  base_tenths: number;
  bonus_tenths: number;
  deducted_tenths: number;
  complete: number;
  vetoes: number;
  rectifications: number;
  earlier_open: number;
  earlier_verified: number;
  cadres_registered: number;
  cadres_reported: number;
}

export interface ExchangeDeductionsTable {
  id: Generated<number>;
  package_id: number;
  unit_key: string;
  item_code: string;
  item_title: string;
  reason: string;
  points_tenths: number;
  department: string | null;
}

export interface ExchangeCadresTable {
  package_id: number;
  unit_key: string;
  work_unit: string;
  registered: number;
  reported: number;
}

export interface ExchangeTables {
  exchange_identity: ExchangeIdentityTable;
  exchange_exports: ExchangeExportsTable;
  exchange_senders: ExchangeSendersTable;
  exchange_packages: ExchangePackagesTable;
  exchange_units: ExchangeUnitsTable;
  exchange_deductions: ExchangeDeductionsTable;
  exchange_cadres: ExchangeCadresTable;
}
