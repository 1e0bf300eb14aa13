// Names no live shop can use: the domains reserved for examples and tests (RFC 2606 and RFC 6761: example.com/.net/
// .org, .example, .test, .invalid, .localhost), .local (RFC 6762, link-local only) and loopback addresses. A
// production shop refuses them in PUBLIC_URL, MAIL_FROM and BRAND.supportEmail, where wrangler.toml's template puts
// them: links to shop.example.com lead nowhere and mail from example.com never arrives.

const RESERVED_DOMAINS = ['example.com', 'example.net', 'example.org'];
const RESERVED_TLDS = ['example', 'test', 'invalid', 'localhost', 'local'];
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?)$/;

/** Whether `host` (a host name or an address's domain) is a placeholder no live shop can use. */
export function isPlaceholderHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (LOOPBACK.test(name)) return true;
  const tld = name.split('.').at(-1) ?? '';
  return RESERVED_TLDS.includes(tld) || RESERVED_DOMAINS.some((d) => name === d || name.endsWith(`.${d}`));
}

/** The domain of an address, bare (`login@acme.com`) or named (`Acme <login@acme.com>`); null when there is none. */
export function addressDomain(value: string): string | null {
  return /@([^\s@<>]+)>?\s*$/.exec(value.trim())?.[1] ?? null;
}
