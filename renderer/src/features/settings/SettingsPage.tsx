import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Paper, Snackbar, TextField, Typography } from '@mui/material';
import { UNIT_SETTING_LABELS, unitSettingsSchema, type UnitSettings } from '../../../../shared/domain/settings/unit-settings';
import type { AppInfo } from '../../../../shared/ipc/channels/settings.channels';
import { call, errorText } from '../../api/client';
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
};

/** 系统设置: the unit's information (saved in the database) and where the data lives. */
export function SettingsPage() {
  const { settings, loaded, replace } = useUnitSettings();
  const [draft, setDraft] = useState<UnitSettings>(settings);
  const [errors, setErrors] = useState<Partial<Record<keyof UnitSettings, string>>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const isAdmin = useAuth().user?.role === 'admin';
  const editable = useCan()('settings:update');

  useEffect(() => setDraft(settings), [settings]);
  useEffect(() => {
    call('app:info', {}).then(setInfo, () => setInfo(null));
  }, []);

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
        {FIELDS.map((key, index) => (
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
        ))}
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
