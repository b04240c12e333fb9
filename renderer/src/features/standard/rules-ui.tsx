import type { ReactNode } from 'react';
import { IconButton, Paper, TableCell, TableRow, TextField, Typography } from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import type { Standard } from '../../../../shared/domain/standard/standard.schema';

/** Edits the standard being drafted in place (the editor validates and saves the result). */
export type Update = (change: (s: Standard) => void) => void;

export function Section({ title, children, hint }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Typography variant="h6">{title}</Typography>
      {hint && (
        <Typography variant="body2" color="text.secondary">
          {hint}
        </Typography>
      )}
      {children}
    </Paper>
  );
}

/**
 * One rule in a rules table (a bonus item, a veto): 编码, title, the kind's own cells, 说明 and delete.
 * `change` edits this rule inside the draft.
 */
export function RuleRow<T extends { code: string; title: string; guide: string }>({
  rule,
  editable,
  change,
  onDelete,
  deleteLabel,
  children,
}: {
  rule: T;
  editable: boolean;
  change: (fn: (x: T) => void) => void;
  onDelete: () => void;
  deleteLabel: string;
  children: ReactNode;
}) {
  const disabled = !editable;
  return (
    <TableRow>
      <TableCell>
        <TextField
          variant="standard"
          value={rule.code}
          disabled={disabled}
          onChange={(e) => change((x) => void (x.code = e.target.value))}
        />
      </TableCell>
      <TableCell>
        <TextField
          variant="standard"
          value={rule.title}
          disabled={disabled}
          fullWidth
          multiline
          onChange={(e) => change((x) => void (x.title = e.target.value))}
        />
      </TableCell>
      {children}
      <TableCell>
        <TextField
          variant="standard"
          value={rule.guide}
          disabled={disabled}
          fullWidth
          multiline
          onChange={(e) => change((x) => void (x.guide = e.target.value))}
        />
      </TableCell>
      <TableCell>
        {editable && (
          <IconButton size="small" aria-label={deleteLabel} onClick={onDelete}>
            <DeleteOutlineIcon fontSize="small" />
          </IconButton>
        )}
      </TableCell>
    </TableRow>
  );
}
