// Types of the customer dashboard API (/api/account, /api/key/*, /api/sessions, /api/usage). Pure: no runtime imports.
import type { IncidentsResponse, SignedInCustomer, StockResponse } from './api.ts';

/**
 * The customer's proxy key as the dashboard shows it.
 * - none: nothing bought (or everything refunded before a key was made) · provisioning: paid, key being created
 * - active: works · disabled: switched off (see `reason`) · expired: past its expiry date
 */
export type AccountKeyStatus = 'none' | 'provisioning' | 'active' | 'disabled' | 'expired';

/**
 * Why a key is disabled: all traffic used, suspended by the shop, switched off by the proxy provider (a person in
 * its panel: only support can help), or switched off otherwise (e.g. refunded).
 */
export type DisabledReason = 'cap_reached' | 'suspended' | 'provider_disabled' | 'switched_off';

export interface AccountKey {
  status: AccountKeyStatus;
  reason: DisabledReason | null;
  /** One sentence for the banner, in the customer's words; null when there is nothing to explain. */
  reasonText: string | null;
  /** `pak_ab12…ef90`: recognisable, useless to use. */
  secretMask: string | null;
  /** MB used so far; null when the live figure could not be read (see `live`). */
  usedMb: number | null;
  /** Whole GB the key may use in total. */
  capGb: number | null;
  /** Unix ms; null: no expiry. */
  expiresAt: number | null;
  /** Unix ms of the last proxied request. */
  lastUsedAt: number | null;
  /** A purchase or refund is still being applied to the key. */
  updating: boolean;
  /** False when the platform could not be asked just now: usage is unknown, the rest is the shop's own record. */
  live: boolean;
  /**
   * The key this one replaced when the customer was rolled onto a new key, while it still works: its mask, until
   * when (unix ms; its unused GB then move to this key) and the banner's sentences. Null when there is none.
   */
  previousKey: { secretMask: string | null; worksUntil: number; text: string } | null;
}

/** GET /api/account: the signed-in customer (so the dashboard's load asks who is signed in once), their key, and
 * the gateway their proxy URLs point at. */
export interface AccountAnswer {
  customer: SignedInCustomer;
  key: AccountKey;
  gateway: { host: string; username: string };
}

/** What GET /dashboard hands the app beside its HTML: the answers the Worker rendered the page from (the account read
 * in the session check's round trip, the availability from the shop's cache), so the app takes the page over without
 * asking again. A failed availability read is null: the app asks for it itself. */
export interface DashboardPage {
  /** When the Worker read them (unix ms). */
  at: number;
  account: AccountAnswer;
  stock: StockResponse | null;
  incidents: IncidentsResponse | null;
}

export interface RevealAnswer {
  secret: string;
  secretMask: string;
}

export interface RotateAnswer {
  secret: string;
  secretMask: string;
  /** Whether the key's open gateway sessions were closed too (the old secret dies either way). */
  sessionsClosed: boolean;
  /** The previous key of a rollover, whose grace the rotation ended (null when there was none). */
  previousKey: EndedPreviousKey | null;
}

/** A rollover's previous key whose grace was ended early: it stops working, its unused GB move to the current key. */
export interface EndedPreviousKey {
  secretMask: string | null;
  /** Switched off upstream already; false: the shop finishes it within minutes. */
  switchedOff: boolean;
}

/** One open gateway session of the customer's own key. */
export interface SessionView {
  /** Opaque id to close it with (contains colons). */
  sessionKey: string;
  /** The sticky session id (`sid`) of the proxy username. */
  sid: string;
  /** The gateway made the sid up (the username had none). */
  synthesizedSid: boolean;
  pool: string;
  country: string | null;
  carrier: string | null;
  rotation: string;
  currentIp: string | null;
  requestCount: number;
  bytesIn: number;
  bytesOut: number;
  /** Unix ms. */
  createdAt: number;
  lastActivityAt: number;
  expiresAt: number;
}

export interface SessionsAnswer {
  sessions: SessionView[];
}

export interface CloseSessionsAnswer {
  closed: number;
}

export interface UsageDay {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  inMB: number;
  outMB: number;
}

export interface UsageAnswer {
  /** False when the platform does not offer a daily series (or has no key yet): show the total only. */
  available: boolean;
  days: UsageDay[];
}

/** The shop's legal pages, at /terms and /privacy. */
export type LegalDoc = 'terms' | 'privacy';

export interface LegalDocument {
  title: string;
  /** Markdown-ish text: `#`/`##` headings, `- ` list items, blank-line paragraphs. */
  text: string;
}
