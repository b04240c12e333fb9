import type { ReactElement } from 'react';
import { AppBar, Box, Drawer, List, ListItemButton, ListItemText, Toolbar, Typography } from '@mui/material';
import { unitTitle } from '../../shared/domain/settings/unit-settings';
import { NAV_ITEMS } from './app/nav';
import { navigate, useRoute } from './app/router';
import { useUnitSettings } from './app/unit-settings-context';
import { HomePage } from './features/home/HomePage';
import { SettingsPage } from './features/settings/SettingsPage';
import { StandardSection } from './features/standard/StandardSection';
import { RoundsSection } from './features/rounds/RoundsSection';
import { AuditPage } from './features/audit/AuditPage';
import { ReportsPage } from './features/reports/ReportsPage';
import { UserMenu } from './features/auth/UserMenu';
import { RosterSection } from './features/roster/RosterSection';
import { PlannerPage } from './features/planner/PlannerPage';
import { ExchangePage } from './features/exchange/ExchangePage';
import { UnitsPage } from './features/levels/UnitsPage';
import { useCan } from './app/access';

const DRAWER_WIDTH = 200;

/** Top-level pages by their first path segment. Each feature adds one line. */
const PAGES: Record<string, () => ReactElement> = {
  '': () => <HomePage />,
  settings: () => <SettingsPage />,
  roster: () => <RosterSection />,
  standard: () => <StandardSection />,
  rounds: () => <RoundsSection />,
  audit: () => <AuditPage />,
  reports: () => <ReportsPage />,
  planner: () => <PlannerPage />,
  exchange: () => <ExchangePage />,
  units: () => <UnitsPage />,
};

export function App() {
  const { settings } = useUnitSettings();
  const { segments } = useRoute();
  const can = useCan();
  const navItems = NAV_ITEMS.filter((n) => (!n.channel || can(n.channel)) && (!n.levels || n.levels.includes(settings.level)));
  // A page the role may not use is not offered, not even by typing its address.
  const allowed = navItems.some((n) => (n.path.split('/')[1] ?? '') === (segments[0] ?? ''));
  const section = allowed ? (segments[0] ?? '') : '';
  const page = PAGES[section] ?? PAGES['']!;
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar variant="dense">
          <Typography variant="h6" component="h1" noWrap data-testid="title-bar">
            {unitTitle(settings)}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <UserMenu />
        </Toolbar>
      </AppBar>
      <Drawer variant="permanent" sx={{ width: DRAWER_WIDTH, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}>
        <Toolbar variant="dense" />
        <List component="nav" aria-label="主导航">
          {navItems.map((item) => {
            const key = item.path.split('/')[1] ?? '';
            return (
              <ListItemButton
                key={item.path}
                selected={key === section}
                onClick={() => navigate(item.path)}
                data-testid={`nav-${key || 'home'}`}
              >
                <ListItemText primary={item.label} />
              </ListItemButton>
            );
          })}
        </List>
      </Drawer>
      <Box component="main" sx={{ flex: 1, p: 3, minWidth: 0 }}>
        <Toolbar variant="dense" />
        {page()}
      </Box>
    </Box>
  );
}
