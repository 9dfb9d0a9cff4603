import type { Category, ClassificationSource, Priority, Role, Status } from '../../lib/enums';
import type { Page } from '../../lib/page';

export interface UserRef {
  id: number;
  name: string;
}

export interface Ticket {
  id: number;
  title: string;
  description: string;
  category: Category;
  priority: Priority;
  status: Status;
  created_at: string;
  updated_at: string;
  suggested_category: Category | null;
  suggested_priority: Priority | null;
  classification_source: ClassificationSource | null;
  assignee: UserRef | null;
  requester_name: string | null;
  requester_email: string | null;
  /** The latest of: created, any change, any comment (internal notes included). */
  last_activity_at: string;
  /** The customer's latest public comment (web or mail), else `created_at`. */
  last_customer_message_at: string;
  /** Whose move it is on an open or in-progress ticket; `null` once resolved or closed. */
  waiting_on: WaitingOn | null;
}

export type WaitingOn = 'us' | 'customer';

/** Create's answer: the ticket and, this once, the customer's secret for following it. */
export interface CreatedTicket extends Ticket {
  access_key: string;
}

/** What a customer sees of their ticket through the private link. */
export type CustomerTicket = Pick<Ticket, 'id' | 'title' | 'description' | 'status' | 'created_at' | 'updated_at'>;

export type TicketPage = Page<Ticket> & { count_exact: boolean };

/** Someone an agent may assign a ticket to: an active agent or admin. */
export interface Assignee extends UserRef {
  role: Role;
}

/** `system`: something automatic, e.g. an out-of-office answer kept as a note ("automatic mail"). */
export type CommentAuthor =
  | { kind: 'agent'; id: number; name: string }
  | { kind: 'customer'; name: string | null }
  | { kind: 'system'; name: string };

/** Written in the browser (or through the API), or came by email. */
export type CommentChannel = 'web' | 'mail';

export type MailDeliveryStatus = 'queued' | 'sent' | 'failed';

/** The delivery of an agent's public reply mailed to the customer. */
export interface CommentMail {
  status: MailDeliveryStatus;
  to: string[];
  /** The mail server's reason, when it failed. */
  error: string | null;
  updated_at: string;
}

export interface TicketComment {
  id: number;
  author: CommentAuthor;
  body: string;
  internal: boolean;
  created_at: string;
  /** Agents only: a customer's copy of the conversation has neither field. */
  channel?: CommentChannel;
  mail?: CommentMail | null;
}

export type HistoryActor = { kind: 'agent'; id: number; name: string } | { kind: 'customer' } | { kind: 'system'; name: string };

export type HistoryAction = 'created' | 'changed' | 'commented' | 'reclassified';

export interface HistoryEntry {
  id: number;
  at: string;
  actor: HistoryActor;
  action: HistoryAction;
  /** Field → [from, to]; assignee as user ids. */
  changes: Record<string, [unknown, unknown]>;
}

export interface Suggestion {
  suggested_category: Category;
  suggested_priority: Priority;
  source: ClassificationSource;
}

export const ORDERINGS = [
  '-created_at',
  'created_at',
  '-last_activity_at',
  'last_activity_at',
  'last_customer_message_at',
  '-last_customer_message_at',
  '-priority',
  'priority',
  'status',
  '-status',
] as const;
export type Ordering = (typeof ORDERINGS)[number];
/** The API's own default: a request without `ordering` gets it. */
export const DEFAULT_ORDERING: Ordering = '-created_at';

/** The agent's queue views, "Waiting on us" first: where agents land. */
export const QUEUE_VIEWS = ['waiting', 'mine', 'unassigned', 'all'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** Quick filters on who holds a ticket: the signed-in agent, or nobody. */
export const ASSIGNEE_FILTERS = ['me', 'none'] as const;
export type AssigneeFilter = (typeof ASSIGNEE_FILTERS)[number];

/** What the list shows: the URL holds exactly these, so a view can be bookmarked. */
export interface TicketListParams {
  /** The queue view; its own filters come on top of the ones below. */
  view: QueueView;
  category: Category[];
  priority: Priority[];
  status: Status[];
  assignee: AssigneeFilter[];
  search: string;
  ordering: Ordering;
  page: number;
}

export type TicketChanges = Partial<Pick<Ticket, 'title' | 'description' | 'category' | 'priority' | 'status'>> & {
  assignee_id?: number | null;
};

export interface NewTicket {
  title: string;
  description: string;
  category?: Category;
  priority?: Priority;
  suggested_category?: Category;
  suggested_priority?: Priority;
  classification_source?: ClassificationSource;
  requester_name?: string;
  requester_email?: string;
}
