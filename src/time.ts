// Instants as the shop keeps them (unix ms) and as the Proxies.sx platform reads and writes them (ISO 8601).

/** `"2026-12-01T00:00:00.000Z"` → unix ms; null for a missing (or empty) value. */
export function isoToMs(value: string | null | undefined): number | null {
  return value ? Date.parse(value) : null;
}

/** Unix ms → ISO 8601 (UTC); null stays null. */
export function msToIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
