import { useState } from 'react';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  TextField,
  Typography,
} from '@mui/material';
import type { PersonDto } from '../../../../shared/ipc/channels/desk.channels';
import type { RoundDetail } from '../../../../shared/ipc/channels/rounds.channels';
import { call, errorText } from '../../api/client';
import { usePeople } from '../../app/people';

const label = (p: PersonDto) => `${p.displayName}（${p.username}）`;

/** One 考评员 account, chosen from the list (blind sheets are named by login name, shown by 姓名). */
export function AssessorPicker({ value, onChange }: { value: string; onChange: (username: string) => void }) {
  const { people } = usePeople('assessor');
  const options = people ?? [];
  return (
    <Autocomplete
      options={options}
      value={options.find((p) => p.username === value) ?? null}
      onChange={(_e, p) => onChange(p?.username ?? '')}
      getOptionLabel={label}
      isOptionEqualToValue={(a, b) => a.username === b.username}
      noOptionsText="暂无考评员账号。请管理员在“系统设置 → 用户管理”中新建。"
      renderInput={(params) => (
        <TextField
          {...params}
          autoFocus
          label="考评员"
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'assessor-picker' } }}
        />
      )}
    />
  );
}

function Many({
  label: text,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: PersonDto[];
  value: string[];
  onChange: (v: string[]) => void;
  testId: string;
}) {
  return (
    <Autocomplete
      multiple
      size="small"
      options={options}
      value={options.filter((p) => value.includes(p.username))}
      onChange={(_e, list) => onChange(list.map((p) => p.username))}
      getOptionLabel={(p) => p.displayName}
      renderOption={(props, p) => (
        <li {...props} key={p.username}>
          {label(p)}
        </li>
      )}
      isOptionEqualToValue={(a, b) => a.username === b.username}
      noOptionsText="没有更多考评员"
      renderInput={(params) => (
        <TextField
          {...params}
          label={text}
          placeholder="选择考评员"
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId } }}
        />
      )}
    />
  );
}

type Key = string; // `${communityId|'all'}|${category|''}`
const keyOf = (communityId: number | null, category: string | null): Key => `${communityId ?? 'all'}|${category ?? ''}`;

/**
 * 分配考评员: for all communities, per community and per community × 一级指标, chosen from the
 * existing 考评员 accounts (unknown names cannot be typed, and the main side refuses them too).
 */
export function AssignDialog({ detail, onClose, onSaved }: { detail: RoundDetail; onClose: () => void; onSaved: () => Promise<void> }) {
  const { people } = usePeople('assessor');
  const options = people ?? [];
  const [map, setMap] = useState<Record<Key, string[]>>(() => {
    const m: Record<Key, string[]> = {};
    for (const a of detail.assessments) (m[keyOf(a.communityId, a.categoryCode)] ??= []).push(a.assessor);
    return m;
  });
  const [open, setOpen] = useState<Record<number, boolean>>(() =>
    Object.fromEntries(detail.assessments.filter((a) => a.categoryCode && a.communityId !== null).map((a) => [a.communityId, true])),
  );
  const [error, setError] = useState<string | null>(null);
  const categories = (detail.communities[0]?.categories ?? []).map((k) => k.code);
  const set = (k: Key) => (v: string[]) => setMap({ ...map, [k]: v });

  async function save() {
    const assignments = Object.entries(map).flatMap(([k, names]) => {
      const [c, cat] = k.split('|');
      return names.map((assessor) => ({ assessor, communityId: c === 'all' ? null : Number(c), categoryCode: cat || null }));
    });
    try {
      await call('rounds:assign', { roundId: detail.id, assignments });
      await onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>分配考评员</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, pt: '8px !important' }} data-testid="assign-dialog">
        <Typography variant="body2" color="text.secondary">
          从考评员名单中选择。分配后，考评员只能为分配给自己的社区（或一级指标）评分；未分配任何人时，所有考评员都可评分。
        </Typography>
        {people !== null && options.length === 0 && (
          <Alert severity="warning">暂无考评员账号。下一步：在“系统设置 → 用户管理”中新建角色为“考评员”的账号。</Alert>
        )}
        {error && <Alert severity="error">{error}</Alert>}
        <Many
          label="全部社区"
          options={options}
          value={map[keyOf(null, null)] ?? []}
          onChange={set(keyOf(null, null))}
          testId="assign-all"
        />
        {detail.communities.map((c) => (
          <Box key={c.id} sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
              <Box sx={{ flex: 1 }}>
                <Many
                  label={c.name}
                  options={options}
                  value={map[keyOf(c.id, null)] ?? []}
                  onChange={set(keyOf(c.id, null))}
                  testId={`assign-${c.name}`}
                />
              </Box>
              <Link
                component="button"
                type="button"
                onClick={() => setOpen({ ...open, [c.id]: !open[c.id] })}
                sx={{ whiteSpace: 'nowrap' }}
              >
                {open[c.id] ? '收起' : '按一级指标分配…'}
              </Link>
            </Box>
            {open[c.id] && (
              <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: 1, pl: 3 }}>
                {categories.map((code) => (
                  <Many
                    key={code}
                    label={`${c.name} · ${code}类指标`}
                    options={options}
                    value={map[keyOf(c.id, code)] ?? []}
                    onChange={set(keyOf(c.id, code))}
                    testId={`assign-${c.name}-${code}`}
                  />
                ))}
              </Box>
            )}
          </Box>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="assign-save">
          保存
        </Button>
      </DialogActions>
    </Dialog>
  );
}
