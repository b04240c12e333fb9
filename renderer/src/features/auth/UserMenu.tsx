import { useState } from 'react';
import { Button, Chip, Dialog, DialogContent, DialogTitle, Menu, MenuItem, Snackbar } from '@mui/material';
import { ROLE_LABELS } from '../../../../shared/ipc/channel';
import { useAuth } from './auth-context';
import { ChangePasswordForm } from './ChangePasswordForm';

/** The title bar's user: name and role, with 修改密码 and 退出登录. */
export function UserMenu() {
  const { user, logout } = useAuth();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);
  if (!user) return null;
  return (
    <>
      <Button color="inherit" onClick={(e) => setAnchor(e.currentTarget)} data-testid="user-menu" sx={{ textTransform: 'none', gap: 1 }}>
        <span data-testid="current-user">{user.displayName}</span>
        <Chip
          size="small"
          label={ROLE_LABELS[user.role]}
          data-testid="current-role"
          sx={{ bgcolor: 'rgba(255,255,255,0.2)', color: 'inherit' }}
        />
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setChanging(true);
          }}
        >
          修改密码
        </MenuItem>
        <MenuItem
          data-testid="logout"
          onClick={() => {
            setAnchor(null);
            void logout();
          }}
        >
          退出登录
        </MenuItem>
      </Menu>
      <Dialog open={changing} onClose={() => setChanging(false)} fullWidth maxWidth="xs">
        <DialogTitle>修改密码</DialogTitle>
        <DialogContent sx={{ pt: '8px !important' }}>
          <ChangePasswordForm
            onDone={() => {
              setChanging(false);
              setChanged(true);
            }}
            onCancel={() => setChanging(false)}
          />
        </DialogContent>
      </Dialog>
      <Snackbar open={changed} autoHideDuration={2500} onClose={() => setChanged(false)} message="密码已修改" />
    </>
  );
}
