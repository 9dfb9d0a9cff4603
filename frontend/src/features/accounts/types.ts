import type { Role } from '../../lib/enums';

/** A user as an admin sees it. */
export interface Account {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  created_at: string;
  last_login_at: string | null;
}

export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export type AccountChanges = Partial<Pick<Account, 'name' | 'role' | 'active'> & { password: string }>;
