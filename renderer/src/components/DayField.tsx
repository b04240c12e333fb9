import { useState } from 'react';
import { TextField } from '@mui/material';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day typed as 2021-09-30 (the same on every machine, whatever its locale); applied once complete. */
export function DayField({
  label,
  value,
  onChange,
  testId,
  width = 140,
  hint,
}: {
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  testId?: string;
  width?: number;
  /** Shown under the field while its text is valid. */
  hint?: string;
}) {
  const [text, setText] = useState(value ?? '');
  const bad = text !== '' && !DAY.test(text);
  return (
    <TextField
      size="small"
      label={label}
      placeholder="2021-09-30"
      value={text}
      error={bad}
      helperText={bad ? '格式：2021-09-30' : hint}
      onChange={(e) => {
        const v = e.target.value.trim();
        setText(v);
        if (v === '' || DAY.test(v)) onChange(v || undefined);
      }}
      sx={{ width }}
      slotProps={{ htmlInput: { ...(testId ? { 'data-testid': testId } : {}), inputMode: 'numeric' } }}
    />
  );
}
