import { Box, MenuItem, TextField, Typography } from '@mui/material';
import type { AnalyzedSheetDto } from '../../../../shared/ipc/channels/roster.channels';

/** 核对列对应: each recognised field and the source column it reads (changeable). */
export function MappingTable({
  sheet,
  mapping,
  onChange,
}: {
  sheet: AnalyzedSheetDto;
  mapping: Record<string, number>;
  onChange: (m: Record<string, number>) => void;
}) {
  const keyAt = (index: number) => Object.entries(mapping).find(([, i]) => i === index)?.[0] ?? '';
  function set(index: number, key: string) {
    const next: Record<string, number> = {};
    for (const [k, i] of Object.entries(mapping)) if (i !== index && k !== key) next[k] = i;
    if (key) next[key] = index;
    onChange(next);
  }
  return (
    <Box>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {sheet.sheetLabel}：工作表“{sheet.sheetName}”，表头在第 {sheet.headerRow} 行
        {sheet.groupRow ? `（第 ${sheet.groupRow} 行是分组表头）` : ''}，下面有 {sheet.rowsBelowHeader} 行
      </Typography>
      <Box sx={{ maxHeight: 320, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Box
          component="table"
          sx={{
            width: '100%',
            borderCollapse: 'collapse',
            '& td, & th': { borderBottom: 1, borderColor: 'divider', px: 1, py: 0.5, textAlign: 'left', fontSize: 14 },
          }}
        >
          <thead>
            <tr>
              <th>列</th>
              <th>文件中的表头</th>
              <th>示例</th>
              <th style={{ width: 220 }}>导入为</th>
            </tr>
          </thead>
          <tbody>
            {sheet.columns.map((c) => (
              <tr key={c.index} data-testid="mapping-row">
                <td>{c.letter}</td>
                <td>{c.header}</td>
                <td style={{ color: '#666' }}>{c.samples.join('，')}</td>
                <td>
                  <TextField
                    select
                    size="small"
                    fullWidth
                    value={keyAt(c.index)}
                    onChange={(e) => set(c.index, e.target.value)}
                    slotProps={{ htmlInput: { 'aria-label': `列 ${c.letter}（${c.header}）导入为` }, select: { displayEmpty: true } }}
                  >
                    <MenuItem value="">（不导入）</MenuItem>
                    {sheet.fields.map((f) => (
                      <MenuItem key={f.key} value={f.key}>
                        {f.label}
                        {f.required ? ' *' : ''}
                      </MenuItem>
                    ))}
                  </TextField>
                </td>
              </tr>
            ))}
          </tbody>
        </Box>
      </Box>
    </Box>
  );
}
