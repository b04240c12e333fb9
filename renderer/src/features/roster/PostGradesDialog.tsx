import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, TextField, Typography } from '@mui/material';
import { postGradeTableSchema, type PostGradeTable } from '../../../../shared/domain/roster/post-grade';
import { call, errorText } from '../../api/client';

interface Draft {
  post: string;
  min: string;
  max: string;
  holders: string;
}

/**
 * 岗位等级表 ("四岗十八级"): the post -> grade range table the worker roster is checked against.
 * Editable because cities differ (三岗十八级, 四岗二十四级); changes are audited.
 */
export function PostGradesDialog({ canWrite, onClose }: { canWrite: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [maxGrade, setMaxGrade] = useState('18');
  const [rows, setRows] = useState<Draft[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    call('roster:postGrades', {}).then(
      (t) => {
        setName(t.name);
        setMaxGrade(String(t.maxGrade));
        setRows(t.posts.map((p) => ({ post: p.post, min: String(p.min), max: String(p.max), holders: p.holders })));
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!rows) return;
    const table: PostGradeTable = {
      name: name.trim(),
      maxGrade: Number(maxGrade),
      posts: rows
        .filter((r) => r.post.trim() !== '')
        .map((r) => ({ post: r.post.trim(), min: Number(r.min), max: Number(r.max), holders: r.holders.trim() })),
    };
    const parsed = postGradeTableSchema.safeParse(table);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '岗位等级表填写有误，请检查。');
      return;
    }
    try {
      await call('roster:setPostGrades', parsed.data);
      setSaved(true);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }

  const set = (i: number, patch: Partial<Draft>) => setRows((rs) => (rs ? rs.map((r, k) => (k === i ? { ...r, ...patch } : r)) : rs));

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="post-grades-dialog">
      <Box component="form" onSubmit={save}>
        <DialogTitle>岗位等级表（四岗十八级）</DialogTitle>
        <DialogContent dividers>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            导入和修改社区工作者时，岗位等级须在其岗位类别的范围内。各地规定不同（如三岗十八级、四岗二十四级），可在此修改；修改会记入操作日志。
          </Typography>
          {error && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {error}
            </Alert>
          )}
          {saved && (
            <Alert severity="success" sx={{ mb: 2 }}>
              已保存。之后的导入和修改按新表校验。
            </Alert>
          )}
          {rows && (
            <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
              <Box sx={{ display: 'flex', gap: 1.5 }}>
                <TextField
                  size="small"
                  label="名称"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  disabled={!canWrite}
                  sx={{ flex: 1 }}
                />
                <TextField
                  size="small"
                  label="最高等级"
                  value={maxGrade}
                  onChange={(e) => setMaxGrade(e.target.value)}
                  disabled={!canWrite}
                  sx={{ width: 120 }}
                />
              </Box>
              {rows.map((r, i) => (
                <Box key={i} sx={{ display: 'flex', gap: 1.5, alignItems: 'center' }}>
                  <TextField
                    size="small"
                    label="岗位类别"
                    value={r.post}
                    onChange={(e) => set(i, { post: e.target.value })}
                    disabled={!canWrite}
                    sx={{ width: 140 }}
                  />
                  <TextField
                    size="small"
                    label="最低等级"
                    value={r.min}
                    onChange={(e) => set(i, { min: e.target.value })}
                    disabled={!canWrite}
                    sx={{ width: 100 }}
                  />
                  <TextField
                    size="small"
                    label="最高等级"
                    value={r.max}
                    onChange={(e) => set(i, { max: e.target.value })}
                    disabled={!canWrite}
                    sx={{ width: 100 }}
                  />
                  <TextField
                    size="small"
                    label="适用人员"
                    value={r.holders}
                    onChange={(e) => set(i, { holders: e.target.value })}
                    disabled={!canWrite}
                    sx={{ flex: 1 }}
                  />
                  {canWrite && (
                    <IconButton aria-label={`删除${r.post}`} onClick={() => setRows(rows.filter((_, k) => k !== i))}>
                      ×
                    </IconButton>
                  )}
                </Box>
              ))}
              {canWrite && (
                <Box>
                  <Button onClick={() => setRows([...rows, { post: '', min: '1', max: '12', holders: '' }])}>添加岗位类别</Button>
                </Box>
              )}
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>关闭</Button>
          {canWrite && (
            <Button type="submit" variant="contained" disabled={!rows}>
              保存
            </Button>
          )}
        </DialogActions>
      </Box>
    </Dialog>
  );
}
