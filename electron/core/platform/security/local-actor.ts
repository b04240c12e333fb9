import type { Actor } from '../../app-context';

/**
 * The command line is an administrator's tool: whoever can run it can already read and write the
 * database file. Until accounts exist, the desktop app and browser host act as this user too.
 */
export const LOCAL_ADMIN: Actor = { userId: null, username: 'local-admin', displayName: '本机管理员', role: 'admin' };
