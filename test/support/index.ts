// What the tests share, each helper under one name for one meaning. They reach the shop only through its entry points
// (the Worker's fetch, queue and scheduled handlers, and the domain functions a test drives directly), the
// simulators only through their controls over HTTP, and D1 only to read what the shop recorded (or to age a row).
export { until, waitFor } from '../../devkit/until.ts';
export * from './buy.ts';
export * from './clock.ts';
export * from './cron.ts';
export * from './flaky-d1.ts';
export * from './keys.ts';
export * from './mail.ts';
export * from './pool.ts';
export * from './production.ts';
export * from './rate-limits.ts';
export * from './replica.ts';
export * from './rows.ts';
export * from './sign-in.ts';
export * from './sim.ts';
export * from './stripe.ts';
export * from './tokens.ts';
export * from './worker.ts';
