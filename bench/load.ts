// A bounded-concurrency load generator for the local Worker: latency percentiles, throughput, errors.

export interface LoadResult {
  requests: number;
  concurrency: number;
  errors: number;
  statuses: Record<number, number>;
  p50: number;
  p99: number;
  rps: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/**
 * `requests` calls of `request()` with at most `concurrency` in flight. An error is a network failure,
 * a 5xx, or a status other than `expectStatus`.
 */
export async function load(
  request: () => Promise<Response>,
  { requests, concurrency, expectStatus = 200 }: { requests: number; concurrency: number; expectStatus?: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < requests) {
      next++;
      const t0 = performance.now();
      try {
        const res = await request();
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status !== expectStatus) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests,
    concurrency,
    errors,
    statuses,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: requests / seconds,
  };
}
