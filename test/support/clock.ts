// Time in tests: the Worker reads `services.clock`, and a test runs it on a clock of its own (withOverrides pins one
// to a copy of the bindings), so "a quarter of an hour later" is a request sent later rather than a row rewritten.
import { env } from 'cloudflare:test';
import { clockFrom } from '../../src/clock.ts';
import { withOverrides } from '../../src/services/index.ts';

/** The Worker's bindings (`call(path, { env })`), with a clock that reads `ms` later than the real one and runs on. */
export function later(ms: number, bindings: Cloudflare.Env = env): Cloudflare.Env {
  return withOverrides(bindings, { clock: clockFrom(Date.now() + ms) }) as Cloudflare.Env;
}
