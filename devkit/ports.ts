// Where each tool finds or starts a local shop and its simulators: one pair of ports per use, from the environment
// with a default, so several people (or helpers) on one machine each take their own block.

export interface LocalPorts {
  shop: number;
  sim: number;
}

function fromEnv(shopVar: string, shopDefault: number, simVar: string, simDefault: number): LocalPorts {
  return {
    shop: Number(process.env[shopVar] || shopDefault),
    sim: Number(process.env[simVar] || simDefault),
  };
}

/** `npm run dev`, and the benchmarks that run against it (PORT / SIM_PORT). */
export const devPorts = (): LocalPorts => fromEnv('PORT', 8787, 'SIM_PORT', 8790);
/** The benchmarks that start their own shop, `npm run bench` and `bench:d1` (PORT / SIM_PORT). */
export const benchPorts = (): LocalPorts => fromEnv('PORT', 8887, 'SIM_PORT', 8890);
/** The browser tests (E2E_PORT / E2E_SIM_PORT). */
export const e2ePorts = (): LocalPorts => fromEnv('E2E_PORT', 8877, 'E2E_SIM_PORT', 8880);
/** `npm run audit` (AUDIT_PORT / AUDIT_SIM_PORT). */
export const auditPorts = (): LocalPorts => fromEnv('AUDIT_PORT', 8857, 'AUDIT_SIM_PORT', 8860);
/** The local Cloudflare API of `npm run deploy:rehearse` (CF_SIM_PORT; 0 picks a free port). */
export const cloudflareSimPort = (): number => Number(process.env.CF_SIM_PORT || 0);

/** Resolves once nothing answers on `port` any more (a stopped shop's workerd can outlive its npm process). */
export async function portReleased(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`port ${port} is still taken`);
}
