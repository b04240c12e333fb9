import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/domain/canonical-json';
import { entryHash } from '../../../electron/core/platform/audit/audit-log';
import { contentHash } from '../../../electron/core/features/reports/report-issue.service';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('one canonical JSON for every hash', () => {
  const value = { b: 1, a: [undefined, new Date(Date.UTC(2021, 9, 15)), { z: '龙塔', y: null, x: undefined }] };
  const expected = '{"a":[null,"2021-10-15T00:00:00.000Z",{"y":null,"z":"龙塔"}],"b":1}';

  it('sorts keys at every level, drops undefined members and writes dates as JSON does', () => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('the 通报 content hash and the audit chain hash the same value the same way', () => {
    // The report's 校验码 is the SHA-256 of exactly this text (a date was "{}" in the report's own copy).
    expect(contentHash(value)).toBe(sha(expected));
    // The audit entry hash covers the canonical before/after text: equal values, equal hashes, whichever key order.
    const fields = {
      at: '2021-10-15T00:00:00.000Z',
      actor: 'admin',
      action: 'x',
      entity: 'e',
      entity_id: '1',
      reason: null,
      prev_hash: '0'.repeat(64),
    };
    const one = entryHash({ ...fields, before_json: canonicalJson({ a: 1, b: 2 }), after_json: canonicalJson(value) });
    const two = entryHash({ ...fields, before_json: canonicalJson({ b: 2, a: 1 }), after_json: expected });
    expect(one).toBe(two);
  });
});
