import { createTheme } from '@mui/material/styles';
import { zhCN } from '@mui/material/locale';

/**
 * Fixed-width text (formulas, cell values, file names) that still draws 汉字 with the bundled font:
 * a bare `monospace` falls back to a system font that may lack them and shows boxes.
 */
export const MONO_FONT = 'Consolas, "Cascadia Mono", "Noto Sans SC", monospace';

/** Sober government-office look: dark red-brown accents are kept for the reports; the UI is calm blue-grey. */
export const theme = createTheme(
  {
    palette: {
      primary: { main: '#1f4e79' },
      secondary: { main: '#a4262c' },
      background: { default: '#f4f6f8' },
    },
    typography: {
      fontFamily: '"Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif',
      fontSize: 14,
    },
    shape: { borderRadius: 6 },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTextField: { defaultProps: { size: 'small' } },
    },
  },
  zhCN,
);
