import type { CheckIn } from '../progression';

/** How a session felt (lib/progression's CheckIn), stored with an id and its session. */
export interface CheckInRecord extends CheckIn {
  readonly id: string;
  /** The session it reports on; null for a check-in given outside a session. */
  readonly sessionId: string | null;
}
