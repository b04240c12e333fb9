import { useEffect, useState } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { formatDateLong } from '../../../../shared/domain/audit/describe-entry';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { call } from '../../api/client';

type Version = ChannelOutput<'standard:list'>[number];

/** What a version is, in one line: 第2版《…》 · 发布于… · 7个一级指标、45项 · 已用于… */
function describe(v: Version): string {
  const used = v.usedBy.length ? ` · 已用于 ${v.usedBy.join('、')}` : '';
  return `第${v.version}版《${v.name}》 · ${v.publishedAt ? `发布于${formatDateLong(v.publishedAt)}` : v.statusLabel} · ${v.categoryCount}个一级指标、${v.itemCount}项 · 满分${v.totalPoints}${used}`;
}

/**
 * A choice among the published standard versions (only they can be used by a round). `latestLabel`
 * adds an empty choice meaning “the latest published version”.
 */
export function PublishedVersionSelect({
  value,
  onChange,
  label,
  latestLabel,
  exclude,
  testId,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  latestLabel?: string;
  exclude?: number;
  testId?: string;
}) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  useEffect(() => {
    call('standard:list', {}).then(
      (all) => setVersions(all.filter((v) => v.status === 'published' && v.version !== exclude).sort((a, b) => b.version - a.version)),
      () => setVersions([]),
    );
  }, [exclude]);
  const empty = versions !== null && versions.length === 0;
  return (
    <TextField
      select
      size="small"
      label={label}
      value={versions ? value : ''}
      onChange={(e) => onChange(e.target.value)}
      disabled={empty}
      helperText={empty ? '暂无可选的已发布版本。请先在“考核标准”中发布。' : ' '}
      sx={{ minWidth: 280 }}
      slotProps={{ htmlInput: testId ? { 'data-testid': testId } : {}, select: { displayEmpty: Boolean(latestLabel) } }}
    >
      {latestLabel && <MenuItem value="">{latestLabel}</MenuItem>}
      {(versions ?? []).map((v) => (
        <MenuItem key={v.version} value={String(v.version)} data-testid={`version-option-${v.version}`}>
          {describe(v)}
        </MenuItem>
      ))}
    </TextField>
  );
}
