// Cloudflare's limits on what a deploy uploads (src/config/platform.ts), which `npm run check` holds wrangler.toml to
// before anything reaches the account: what the real upload would refuse is named here, with its limit.
import { describe, expect, it } from 'vitest';
import {
  cronProblem,
  queueSettingProblem,
  VAR_MAX_BYTES,
  varSizeProblem,
  wranglerLimitProblems,
} from '../../src/config/platform.ts';

describe("Cloudflare's limits on wrangler.toml", () => {
  it('takes the crons of Cloudflare’s documented examples', () => {
    for (const cron of [
      '*/5 * * * *',
      '* * * * *',
      '45 * * * *',
      '0 17 * * sun',
      '0 17 * * 1',
      '10 7 * * mon-fri',
      '10 7 * * 2-6',
      '0 15 1 * *',
      '0 18 * * 6L',
      '0 18 * * friL',
      '59 23 LW * *',
      '0 10 * * MON#2',
      '0 0 1 JAN,jul *',
    ])
      expect(cronProblem(cron), cron).toBeNull();
  });

  it('refuses a cron Cloudflare refuses, naming the field', () => {
    // Weekdays are 1-7 on Cloudflare: "0 22 * * 0" is refused with "invalid cron string" (workers-sdk #8923).
    expect(cronProblem('0 22 * * 0')).toMatch(/day of week "0"/);
    expect(cronProblem('60 * * * *')).toMatch(/minute "60"/);
    expect(cronProblem('*/0 * * * *')).toMatch(/minute/);
    expect(cronProblem('0 0 32 * *')).toMatch(/day of month "32"/);
    expect(cronProblem('0 0 * 13 *')).toMatch(/month "13"/);
    expect(cronProblem('5-1 * * * *')).toMatch(/minute "5-1"/);
    expect(cronProblem('* * * *')).toMatch(/4 fields/);
    expect(cronProblem('0 0 * * * 2027')).toMatch(/6 fields/);
  });

  it('counts a var in bytes of UTF-8 against 5 KB', () => {
    expect(varSizeProblem('a'.repeat(VAR_MAX_BYTES))).toBeNull();
    expect(varSizeProblem('a'.repeat(VAR_MAX_BYTES + 1))).toMatch(/5,001 bytes; Cloudflare allows at most 5 KB/);
    // 2,501 characters, but 5,002 bytes: "é" takes two.
    expect(varSizeProblem('é'.repeat(2_501))).toMatch(/5,002 bytes/);
  });

  it('holds queue consumer settings to the ranges Cloudflare documents', () => {
    expect(queueSettingProblem('max_batch_size', 100)).toBeNull();
    expect(queueSettingProblem('max_batch_size', 101)).toMatch(/from 1 to 100/);
    expect(queueSettingProblem('max_batch_timeout', 61)).toMatch(/from 0 to 60/);
    expect(queueSettingProblem('max_retries', 101)).toMatch(/from 0 to 100/);
    expect(queueSettingProblem('retry_delay', 86_401)).toMatch(/from 0 to 86400/);
    expect(queueSettingProblem('max_concurrency', 0)).toMatch(/from 1 to 250/);
    expect(queueSettingProblem('max_batch_size', 2.5)).toMatch(/whole number/);
  });

  it('names each problem of a wrangler.toml by where it is', () => {
    const problems = wranglerLimitProblems(
      {
        vars: { BRAND: 'x'.repeat(7_000), SHOP_ENV: 'production' },
        triggers: { crons: ['*/5 * * * *', '0 22 * * 0'] },
        queues: {
          consumers: [
            { queue: 'mail', max_batch_size: 10 },
            { queue: 'dlq', max_batch_timeout: 300 },
          ],
        },
      },
      ['AUTH_SECRET'],
    );
    expect(problems.map((p) => [p.variable, p.field])).toEqual([
      ['BRAND', ''],
      ['triggers.crons[1]', ''],
      ['queues.consumers[1]', 'max_batch_timeout'],
    ]);
  });

  it('counts vars and secrets together against the 128 a Worker holds', () => {
    const vars = Object.fromEntries(Array.from({ length: 125 }, (_, i) => [`VAR_${i}`, 'x']));
    expect(wranglerLimitProblems({ vars }, ['A', 'B', 'C'])).toEqual([]);
    expect(wranglerLimitProblems({ vars }, ['A', 'B', 'C', 'D'])).toEqual([
      expect.objectContaining({
        variable: '[vars]',
        message: expect.stringMatching(/129; a Worker holds at most 128/),
      }),
    ]);
  });
});
