/**
 * The static migration registry: bundlers cannot scan folders, so every migration is listed here,
 * in order. Append one import and one entry per migration.
 */
import type { Migration } from '../migration';
import { migration as m0001 } from './0001_core';
import { migration as m0002 } from './0002_organization';
import { migration as m0003 } from './0003_standards';
import { migration as m0004 } from './0004_rounds';
import { migration as m0005 } from './0005_accounts';
import { migration as m0006 } from './0006_scoring_rules';
import { migration as m0007 } from './0007_audit_anchor';
import { migration as m0008 } from './0008_report_issues';
import { migration as m0009 } from './0009_planner';
import { migration as m0010 } from './0010_exchange';
import { migration as m0011 } from './0011_levels';
import { migration as m0012 } from './0012_attachment_contents';
import { migration as m0013 } from './0013_round_kinds';

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
