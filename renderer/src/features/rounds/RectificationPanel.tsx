import { useState } from 'react';
import { Box, Button, Paper, TextField, Typography } from '@mui/material';
import { call } from '../../api/client';
import type { PanelProps } from './scoring-form-ui';

/** Last quarter's rectifications for this community: the assessor verifies each (销号) or not. */
export function RectificationPanel({ form, editable, act, roundId }: Omit<PanelProps, 'communityId' | 'assessor'>) {
  const [notes, setNotes] = useState<Record<number, string>>({});
  if (form.rectifications.length === 0) return null;
  return (
    <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }} data-testid="rect-panel">
      <Typography variant="subtitle2">上季度整改事项（请核实销号）</Typography>
      {form.rectifications.map((r) => (
        <Box key={r.id} sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
          <Typography variant="body2">
            [{r.roundId} {r.itemCode}] {r.text}（−{r.lost}）—{' '}
            <b>{r.status === 'verified' ? '已销号' : r.status === 'unresolved' ? '未整改到位' : '待核实'}</b>
            {r.verifiedNote ? `：${r.verifiedNote}` : ''}
          </Typography>
          {editable && (
            <Box sx={{ display: 'flex', gap: 1 }}>
              <TextField
                size="small"
                sx={{ flex: 1 }}
                placeholder="核实情况"
                value={notes[r.id] ?? ''}
                onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })}
              />
              <Button
                size="small"
                onClick={() =>
                  act(() =>
                    call('rounds:verifyRectification', { roundId, rectificationId: r.id, status: 'verified', note: notes[r.id] ?? '' }),
                  )
                }
              >
                销号
              </Button>
              <Button
                size="small"
                color="warning"
                onClick={() =>
                  act(() =>
                    call('rounds:verifyRectification', { roundId, rectificationId: r.id, status: 'unresolved', note: notes[r.id] ?? '' }),
                  )
                }
              >
                未整改
              </Button>
            </Box>
          )}
        </Box>
      ))}
    </Paper>
  );
}
