// The SPA's one data-loading primitive: what a page shows while answers arrive late, out of order or not at all.
import { describe, expect, it } from 'vitest';
import { resource } from '../../web/src/state/resource.ts';

/** A promise the test settles when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('resource', () => {
  it('keeps the last answer while a refresh runs and after it fails, and says why it failed', async () => {
    const loaded = deferred<string>();
    const refreshed = deferred<string>();
    const answers = [loaded, refreshed];
    const account = resource(() => answers.shift()?.promise ?? Promise.reject(new Error('no more answers')));

    const first = account.run();
    expect(account.loading.value).toBe(true);
    expect(account.data.value).toBeUndefined();
    loaded.resolve('key A');
    expect(await first).toBe('key A');
    expect(account.data.value).toBe('key A');
    expect(account.at.value).toBeGreaterThan(0);

    const refresh = account.run();
    expect(account.data.value).toBe('key A');
    refreshed.reject(new Error('Cannot reach the shop.'));
    expect(await refresh).toBeUndefined();
    expect(account.data.value).toBe('key A');
    expect(account.error.value?.message).toBe('Cannot reach the shop.');
    expect(account.loading.value).toBe(false);
  });

  it('counts only the newest request: an older answer arriving last does not overwrite a newer one', async () => {
    const slow = deferred<string>();
    const fast = deferred<string>();
    const search = resource((query: string) => (query === 'old' ? slow.promise : fast.promise));

    const older = search.run('old');
    const newer = search.run('new');
    fast.resolve('results for new');
    expect(await newer).toBe('results for new');
    slow.resolve('results for old');
    expect(await older).toBeUndefined();
    expect(search.data.value).toBe('results for new');
    expect(search.loading.value).toBe(false);
  });

  it('lets an answer the page learnt otherwise win over a request still in flight', async () => {
    const stale = deferred<string>();
    const mask = resource(() => stale.promise);

    const refresh = mask.run();
    mask.set('pak_…new');
    stale.resolve('pak_…old');
    await refresh;
    expect(mask.data.value).toBe('pak_…new');
    expect(mask.loading.value).toBe(false);
  });

  it('dates an answer the page came with by when it was read, and keeps the date of an answer edited in place', () => {
    const account = resource(async () => 'fetched');
    expect(account.at.value).toBe(0);
    account.set('rendered', 1_796_677_525_219);
    expect(account.at.value).toBe(1_796_677_525_219);
    account.set('rotated');
    expect([account.data.value, account.at.value]).toEqual(['rotated', 1_796_677_525_219]);
  });

  it('clears the last failure when asked again, and turns anything thrown into an Error', async () => {
    const legal = resource(() => Promise.reject('plain text'));
    await legal.run();
    expect(legal.error.value).toBeInstanceOf(Error);
    expect(legal.error.value?.message).toBe('plain text');

    const retry = legal.run();
    expect(legal.error.value).toBeNull();
    await retry;
    expect(legal.error.value?.message).toBe('plain text');
  });
});
