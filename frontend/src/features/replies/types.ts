import type { Role } from '../../lib/enums';

/** A canned reply: an answer agents keep and send again, shared with the team or personal. */
export interface CannedReply {
  id: number;
  title: string;
  /** May hold {{ticket.id}}, {{ticket.title}}, {{customer.name}} and {{agent.name}}. */
  body: string;
  shared: boolean;
  owner: { id: number; name: string };
  /** How many comments were sent with it through the API's `reply_id`. */
  uses: number;
  updated_at: string;
}

export interface NewReply {
  title: string;
  body: string;
  shared: boolean;
}

export type ReplyChanges = Partial<NewReply>;

/** The signed-in agent, as far as replies care: whose they are, and whether an admin. */
export interface ReplyViewer {
  id: number;
  role: Role;
}
