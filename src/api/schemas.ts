// The customer API's inputs and answers as zod schemas: the routes validate with them (src/routes/api-v1.ts), the
// answers are typed by them, and the OpenAPI document is generated from them (src/api/openapi.ts), so the three
// cannot drift apart.
import {
  MAX_BATCH_PREFIX,
  MAX_STICKY_BATCH,
  POOLS,
  PROTOCOL_PORTS,
  type ProxyProtocol,
  ROTATION_MODES,
} from '../shared/proxy-url.ts';
import * as z from '../zod.ts';

const PROTOCOLS = Object.keys(PROTOCOL_PORTS) as ProxyProtocol[];
export const LIST_FORMATS = ['json', 'txt', 'csv'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/**
 * The range of each whole-number query parameter: it arrives as text and is validated as such, but the OpenAPI
 * document describes it as the integer it is (src/api/openapi.ts), so a typed client passes `count: 5`, not `'5'`.
 */
export const INTEGER_PARAMETERS = new WeakMap<object, { minimum: number; maximum: number }>();

function wholeNumber(min: number, max: number, description: string) {
  const schema = z
    .pipe(z.string().check(z.regex(/^\d{1,4}$/, `must be a whole number from ${min} to ${max}`)), z.transform(Number))
    .check(
      z.refine((n) => n >= min && n <= max, `must be from ${min} to ${max}`),
      z.describe(description),
    );
  INTEGER_PARAMETERS.set(schema, { minimum: min, maximum: max });
  return schema;
}

export const proxyUrlsQuery = z.object({
  country: z.optional(
    z
      .string()
      .check(
        z.regex(/^[a-z]{2}$/, 'must be two lowercase letters, like de'),
        z.describe('One of the countries the shop offers (lowercase ISO 3166-1 alpha-2). Any country when left out.'),
      ),
  ),
  pool: z._default(z.enum(POOLS).check(z.describe('The device pool.')), 'mbl'),
  rotation: z.optional(
    z
      .enum(ROTATION_MODES)
      .check(z.describe('How the exit IP changes. With `count`, only `sticky` (the default then) is allowed.')),
  ),
  count: z.optional(
    wholeNumber(
      1,
      MAX_STICKY_BATCH,
      `Makes that many sticky URLs, one IP each, with session ids \`{sid}_1\` … \`{sid}_{count}\` (at most ${MAX_STICKY_BATCH}, the gateway's open sessions per account).`,
    ),
  ),
  sid: z.optional(
    z
      .string()
      .check(
        z.maxLength(64),
        z.describe(
          `Sticky session id: 1–64 of a–z, 0–9 and _ (with \`count\`, a prefix of at most ${MAX_BATCH_PREFIX}; a random one when left out). A malformed one is refused with a valid form proposed.`,
        ),
      ),
  ),
  protocol: z._default(z.enum(PROTOCOLS).check(z.describe('http (port 7000) or socks5 (port 7001).')), 'http'),
  format: z._default(
    z
      .enum(LIST_FORMATS)
      .check(z.describe('json (the default), txt (one URL a line) or csv (url, host, port, username, password, sid).')),
    'json',
  ),
});
export type ProxyUrlsQuery = z.output<typeof proxyUrlsQuery>;

export const usageQuery = z.object({
  days: z._default(wholeNumber(1, 90, 'Days of the daily series, counting back from today (UTC).'), 30),
});

export const sessionParam = z.object({
  key: z
    .string()
    .check(z.minLength(1), z.maxLength(512), z.describe('The `sessionKey` of a session from GET /api/v1/sessions.')),
});

const unixMs = (description: string) => z.int().check(z.describe(`${description} (unix ms)`));
const nullableUnixMs = (description: string) => z.nullable(unixMs(description));

export const proxyUrlAnswer = z.object({
  url: z.string().check(z.describe('protocol://username:password@host:port, ready for curl -x or any HTTP client.')),
  protocol: z.enum(PROTOCOLS),
  host: z.string(),
  port: z.int(),
  username: z.string().check(z.describe('The proxy username: the reseller username and the targeting tokens.')),
  password: z.string().check(z.describe("The customer's proxy key (pak_…).")),
  sid: z.nullable(z.string()),
});

export const proxyUrlsAnswer = z.object({ urls: z.array(proxyUrlAnswer) });
export type ProxyUrlsAnswer = z.output<typeof proxyUrlsAnswer>;

const keyStatus = z.enum(['none', 'provisioning', 'active', 'disabled', 'expired']);

export const keyAnswer = z.object({
  status: keyStatus.check(
    z.describe('none: nothing bought · provisioning: being made · active · disabled (see reason) · expired'),
  ),
  reason: z.nullable(z.enum(['cap_reached', 'suspended', 'provider_disabled', 'switched_off'])),
  reasonText: z.nullable(z.string().check(z.describe('Why the key does not work, in a sentence.'))),
  secretMask: z.nullable(z.string().check(z.describe('pak_ab12…ef90: the key, masked. Never the key itself.'))),
  capGb: z.nullable(z.int()),
  usedMb: z.nullable(z.number().check(z.describe('Null when the platform could not be asked just now.'))),
  expiresAt: nullableUnixMs('When the key expires; null: never'),
  lastUsedAt: nullableUnixMs('The last proxied request'),
  live: z.boolean().check(z.describe('False when usage could not be read from the platform just now.')),
  previousKey: z.nullable(
    z.object({
      secretMask: z.nullable(z.string()),
      worksUntil: unixMs('After a move to a new key, the old one works until then'),
    }),
  ),
});
export type KeyAnswer = z.output<typeof keyAnswer>;

export const usageAnswer = z.object({
  capGb: z.nullable(z.int()),
  usedMb: z.nullable(z.number()),
  leftMb: z.nullable(z.number().check(z.describe('What is left of the cap; null when the usage is not known.'))),
  expiresAt: nullableUnixMs('When the traffic expires; null: never'),
  live: z.boolean(),
  daily: z.boolean().check(z.describe('Whether `days` holds a daily series (the platform may not offer one).')),
  days: z.array(
    z.object({ date: z.string().check(z.describe('YYYY-MM-DD (UTC)')), inMB: z.number(), outMB: z.number() }),
  ),
});
export type UsageApiAnswer = z.output<typeof usageAnswer>;

export const sessionsAnswer = z.object({
  sessions: z.array(
    z.object({
      sessionKey: z.string(),
      sid: z.string(),
      synthesizedSid: z.boolean(),
      pool: z.string(),
      country: z.nullable(z.string()),
      carrier: z.nullable(z.string()),
      rotation: z.string(),
      currentIp: z.nullable(z.string()),
      requestCount: z.int(),
      bytesIn: z.number(),
      bytesOut: z.number(),
      createdAt: unixMs('Opened'),
      lastActivityAt: unixMs('Last request'),
      expiresAt: unixMs('Closes by itself'),
    }),
  ),
});

export const closedAnswer = z.object({ closed: z.int() });

export const errorAnswer = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.optional(z.string().check(z.describe('Quote it to support.'))),
  }),
});
