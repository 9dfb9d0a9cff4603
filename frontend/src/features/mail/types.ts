/** GET /api/mail/status/: the outbox and the incoming side, as an admin looks after them. */
export interface MailStatus {
  /** Waiting to be sent, retries included. */
  queued: number;
  failed_24h: number;
  sent_24h: number;
  /** Any door: the inbound endpoint, the MTA pipe or the mailbox; null when none ever came. */
  last_received_at: string | null;
  /** The mailbox (IMAP) was last read; null when it never was. */
  last_fetch_at: string | null;
  /** Why that last read failed; null when it worked. */
  last_fetch_error: string | null;
}
