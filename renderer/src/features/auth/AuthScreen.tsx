import type { ReactNode } from 'react';
import { Box, Paper, Typography } from '@mui/material';

/** The centred card the login, first-run and forced password-change screens share. */
export function AuthScreen({
  title,
  subtitle,
  children,
  testId,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'grey.100', p: 2 }}>
      <Paper sx={{ p: 4, width: 420, maxWidth: '100%' }} data-testid={testId}>
        <Typography variant="overline" color="text.secondary">
          社区规范化创建考评系统
        </Typography>
        <Typography variant="h5" component="h1" gutterBottom>
          {title}
        </Typography>
        {subtitle && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {subtitle}
          </Typography>
        )}
        {children}
      </Paper>
    </Box>
  );
}
