import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Box, Button, MenuItem, Paper, Snackbar, TextField, Typography } from '@mui/material';
import { LEVELS } from '../../../../shared/domain/levels/levels';
import {
  UNIT_SETTING_LABELS,
  unitSettingsProblem,
  unitSettingsSchema,
  type UnitSettings,
} from '../../../../shared/domain/settings/unit-settings';
import { call, errorText } from '../../api/client';
import { useChannel } from '../../hooks/useChannel';
import { useUnitSettings } from '../../app/unit-settings-context';
import { useAuth } from '../auth/auth-context';
import { BackupSection } from '../safety/BackupSection';
import { UsersSection } from '../safety/UsersSection';
import { useCan } from '../../app/access';
import { DatabaseSection } from './DatabaseSection';

const FIELDS = Object.keys(UNIT_SETTING_LABELS) as (keyof UnitSettings)[];
const PLACEHOLDERS: Record<keyof UnitSettings, string> = {
  city: '例如：漯河市',
  county: '例如：郾城区',
  street: '例如：龙塔街道',
  issuer: '例如：龙塔街道办事处',
  level: '',
  unitCode: '街道 9 位，如 411102001；县区、市 6 位，如 411102',
};

/** What each level appraises, shown under the 层级 choice. */
const LEVEL_HINTS: Record<UnitSettings['level'], string> = {
  街道: '街道考评所辖社区',
  县区: '县区考评所辖街道（依据街道上报的考评结果）',
  市: '市考评所辖县区和领导小组成员单位',
};

/** 系统设置: the unit's information (saved in the database) and where the data lives. */
export function SettingsPage() {
  const { settings, loaded, replace } = useUnitSettings();
  const [draft, setDraft] = useState<UnitSettings>(settings);
  const [errors, setErrors] = useState<Partial<Record<keyof UnitSettings, string>>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const appInfo = useChannel('app:info', {});
  const info = appInfo.error ? null : appInfo.data;
  const isAdmin = useAuth().user?.role === 'admin';
  const editable = useCan()('settings:update');

  useEffect(() => setDraft(settings), [settings]);

  const dirty = FIELDS.some((k) => draft[k] !== settings[k]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    const parsed = unitSettingsSchema.safeParse(draft);
    if (!parsed.success) {
      const next: Partial<Record<keyof UnitSettings, string>> = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as keyof UnitSettings] = issue.message;
      setErrors(next);
      return;
    }
    const problem = unitSettingsProblem(parsed.data);
    if (problem) {
      setErrors({ unitCode: problem });
      return;
    }
    setErrors({});
    setSaving(true);
    setFailure(null);
    try {
      replace(await call('settings:update', parsed.data));
      setSaved(true);
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 960 }}>
      <Paper
        component="form"
        onSubmit={save}
        sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2 }}
        data-state={loaded ? 'ready' : 'loading'}
        data-testid="settings-form"
      >
        <Typography variant="h5">单位信息</Typography>
        <Typography variant="body2" color="text.secondary">
          这些信息显示在标题栏和首页，并打印在季度考评通报的标题与落款处。{editable ? '' : '如需修改，请联系管理员。'}
        </Typography>
        {FIELDS.map((key, index) =>
          key === 'level' ? (
            <TextField
              key={key}
              select
              label={UNIT_SETTING_LABELS.level}
              value={draft.level}
              onChange={(e) => setDraft({ ...draft, level: e.target.value as UnitSettings['level'] })}
              helperText={LEVEL_HINTS[draft.level]}
              disabled={!editable}
              slotProps={{ htmlInput: { 'data-testid': 'setting-level' } }}
            >
              {LEVELS.map((l) => (
                <MenuItem key={l} value={l}>
                  {l}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <TextField
              key={key}
              label={UNIT_SETTING_LABELS[key]}
              placeholder={PLACEHOLDERS[key]}
              value={draft[key]}
              autoFocus={editable && index === 0}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              error={Boolean(errors[key])}
              helperText={errors[key] ?? ' '}
              slotProps={{ htmlInput: { 'data-testid': `setting-${key}`, maxLength: 60, readOnly: !editable } }}
            />
          ),
        )}
        {failure && <Alert severity="error">{failure}</Alert>}
        {editable && (
          <Box sx={{ display: 'flex', gap: 1 }}>
            <Button type="submit" variant="contained" disabled={saving || !dirty} data-testid="settings-save">
              {saving ? '正在保存…' : '保存'}
            </Button>
            <Button disabled={saving || !dirty} onClick={() => setDraft(settings)}>
              撤销修改
            </Button>
          </Box>
        )}
      </Paper>
      {info && (
        <Paper sx={{ p: 3 }}>
          <Typography variant="h6" gutterBottom>
            数据位置
          </Typography>
          <Typography variant="body2">数据库文件：{info.dbFile}</Typography>
          <Typography variant="body2">
            程序版本：{info.version}（数据库结构版本 {info.schemaVersion}）
          </Typography>
        </Paper>
      )}
      {isAdmin && <UsersSection />}
      {isAdmin && <BackupSection />}
      {isAdmin && <DatabaseSection />}
      <Snackbar open={saved} autoHideDuration={2500} onClose={() => setSaved(false)} message="已保存" />
    </Box>
  );
}
