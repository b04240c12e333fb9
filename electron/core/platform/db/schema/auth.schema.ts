import type { Generated } from 'kysely';
import type { Role } from '../../../../../shared/ipc/channel';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  password_salt: string;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  must_change_password: Generated<number>;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface AuthTables {
  users: UsersTable;
  sessions: SessionsTable;
}
