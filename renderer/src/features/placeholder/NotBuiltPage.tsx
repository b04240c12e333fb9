import { Alert, Paper, Typography } from '@mui/material';

/** Shown for parts of the product that are not built yet: say so plainly. */
export function NotBuiltPage({ title, description }: { title: string; description: string }) {
  return (
    <Paper sx={{ p: 3 }} data-testid="not-built">
      <Typography variant="h5" gutterBottom>
        {title}
      </Typography>
      <Alert severity="info">此功能尚在建设中，暂不可用。{description}</Alert>
    </Paper>
  );
}
