import { describe, expect, it } from 'vitest';
import { translateDdl } from '../../../electron/core/platform/db/dialect';

describe('SQLite DDL on PostgreSQL', () => {
  it('a blob column becomes bytea (attachment contents), a name that merely starts with blob does not change', () => {
    expect(
      translateDdl(`create table attachment_contents (sha256 text primary key, size integer not null, content blob not null) strict`),
    ).toEqual(['create table attachment_contents (sha256 text primary key, size bigint not null, content bytea not null)']);
    expect(translateDdl(`alter table t add column blob_name text`)).toEqual(['alter table t add column blob_name text']);
  });
});
