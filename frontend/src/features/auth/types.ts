import type { Role } from '../../lib/enums';

/** The signed-in agent or admin. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  /**
   * Whether ticketsvc mails them about their tickets: in the "who am I" and profile answers,
   * not in the sign-in answer.
   */
  notify_by_mail?: boolean;
}

/** The sign-in and "who am I" answers also carry the session's CSRF token. */
export interface SessionUser extends User {
  csrf_token: string;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface ApiToken {
  id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

/** Create's answer: the only time the secret is ever sent. */
export interface NewApiToken extends ApiToken {
  token: string;
}

export type ProfileChanges = { name: string } | { password: string; current_password: string } | { notify_by_mail: boolean };
