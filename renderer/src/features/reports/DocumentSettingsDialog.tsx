import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { DOCUMENT_SETTING_LABELS, PUBLICITY_OPTIONS, type DocumentSettings } from '../../../../shared/domain/settings/document-settings';
import { call, errorText } from '../../api/client';
import { useChannel } from '../../hooks/useChannel';

const HINTS: Partial<Record<keyof DocumentSettings, string>> = {
  docPrefix: '机关代字，如“龙街办”，通报上印为 龙街办〔2021〕23号',
  cc: '多个单位用顿号或逗号分隔',
  office: '公示申诉和整改材料的报送地点',
};

/** 公文设置: what every 通报 and 公示 prints besides the results (administrators only may save). */
export function DocumentSettingsDialog(props: { open: boolean; onClose: () => void }) {
  // Loaded each time the dialog opens; the fields edit the loaded value in place.
  const { data: value, setData: setValue, error: loadError } = useChannel('report:documentSettings', props.open ? {} : null);
  const [saveError, setError] = useState<string | null>(null);
  const error = saveError ?? loadError;

  async function save() {
    if (!value) return;
    setError(null);
    try {
      setValue(await call('report:updateDocumentSettings', value));
      props.onClose();
    } catch (e) {
      setError(errorText(e));
    }
  }

  const field = (key: keyof DocumentSettings) => (
    <TextField
      key={key}
      size="small"
      label={DOCUMENT_SETTING_LABELS[key]}
      value={value?.[key] ?? ''}
      helperText={HINTS[key]}
      onChange={(e) => value && setValue({ ...value, [key]: e.target.value })}
      slotProps={{ htmlInput: { 'data-testid': `doc-setting-${key}` } }}
    />
  );

  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="sm" fullWidth>
      <DialogTitle>公文设置</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          {field('docPrefix')}
          {field('recipients')}
          {field('cc')}
          {field('printer')}
          <TextField
            select
            size="small"
            label={DOCUMENT_SETTING_LABELS.publicity}
            value={value?.publicity ?? PUBLICITY_OPTIONS[0]}
            onChange={(e) => value && setValue({ ...value, publicity: e.target.value as DocumentSettings['publicity'] })}
          >
            {PUBLICITY_OPTIONS.map((o) => (
              <MenuItem key={o} value={o}>
                {o}
              </MenuItem>
            ))}
          </TextField>
          {field('contact')}
          {field('phone')}
          {field('office')}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>取消</Button>
        <Button variant="contained" disabled={!value} onClick={() => void save()} data-testid="doc-settings-save">
          保存
        </Button>
      </DialogActions>
    </Dialog>
  );
}
