import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CssBaseline, ThemeProvider } from '@mui/material';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/500.css';
import '@fontsource/noto-sans-sc/700.css';
import { theme } from './theme/theme';
import { App } from './App';
import { UnitSettingsProvider } from './app/unit-settings-context';
import { AuthProvider } from './features/auth/auth-context';
import { AuthGate } from './features/auth/AuthGate';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <UnitSettingsProvider>
        <AuthProvider>
          <AuthGate>
            <App />
          </AuthGate>
        </AuthProvider>
      </UnitSettingsProvider>
    </ThemeProvider>
  </StrictMode>,
);
