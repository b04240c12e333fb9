/**
 * The office's 公文 settings (文号前缀, 主送, 抄送, 印发机关, 公开属性, 联系人, 电话, 受理地点): stored as
 * `doc.*` rows of the settings table, printed on every 通报 and 公示.
 */
import {
  DEFAULT_DOCUMENT_SETTINGS,
  documentSettingsPatchSchema,
  documentSettingsSchema,
  type DocumentSettings,
  type DocumentSettingsPatch,
} from '../../../../shared/domain/settings/document-settings';
import type { AppContext } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import { readSettings } from './settings.repository';
import { saveSettingsGroup } from './settings-group';

const PREFIX = 'doc.';
const KEYS = Object.keys(DEFAULT_DOCUMENT_SETTINGS) as (keyof DocumentSettings)[];

export async function getDocumentSettings(db: DbOrTrx): Promise<DocumentSettings> {
  const stored = await readSettings(db, PREFIX);
  const merged: Record<string, string> = { ...DEFAULT_DOCUMENT_SETTINGS };
  for (const key of KEYS) {
    const value = stored.get(key);
    if (value !== undefined) merged[key] = value;
  }
  // A value stored by an older or newer version that no longer validates falls back to the default.
  const parsed = documentSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : { ...DEFAULT_DOCUMENT_SETTINGS };
}

/** Save the given fields in one transaction, audited; bad input changes nothing. */
export async function updateDocumentSettings(app: AppContext, actor: string, patch: DocumentSettingsPatch): Promise<DocumentSettings> {
  return saveSettingsGroup(
    app,
    actor,
    {
      entityId: 'document',
      prefix: PREFIX,
      keys: KEYS,
      patchSchema: documentSettingsPatchSchema,
      invalidMessage: '公文设置填写有误，请检查后重试。',
      read: getDocumentSettings,
    },
    patch,
  );
}
