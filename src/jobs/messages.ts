// The jobs queue's messages: one part of one job's run for one cron tick. A part is a page (its cursor says where it
// starts: "after id X"), or for the usage sweep a page of the platform's readings carried in the body itself.
import { SWEEP_KEYS_PER_MESSAGE } from '../bounds.ts';
import * as z from '../zod.ts';

/** Every job the cron runs (src/jobs/registry.ts gives each its entry). */
export const JOB_NAMES = [
  'usage-sweep',
  'retirements',
  'reconcile',
  'receipts',
  'reminders',
  'auto-top-up',
  'retention',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

const sweepEntry = z.tuple([z.string(), z.union([z.literal(0), z.literal(1)]), z.number()]);

export const jobMessageSchema = z.object({
  job: z.enum(JOB_NAMES),
  /** The cron tick (its scheduled time, unix ms) whose run this message belongs to. */
  tick: z.int(),
  /** 0 is the run's first message; a run is finished when all its parts are done. */
  part: z.int().check(z.minimum(0)),
  /** Where the page starts (after this id), null at the beginning. */
  cursor: z.nullable(z.string().check(z.maxLength(200))),
  /** The usage sweep's pages: a range of upstream ids and the platform's readings in it. */
  sweep: z.optional(
    z.object({
      after: z.nullable(z.string()),
      upTo: z.nullable(z.string()),
      keys: z.array(sweepEntry).check(z.maxLength(SWEEP_KEYS_PER_MESSAGE)),
    }),
  ),
});
export type JobMessage = z.infer<typeof jobMessageSchema>;

/** The first message of `job`'s run for `tick`. */
export const firstMessage = (job: JobName, tick: number): JobMessage => ({ job, tick, part: 0, cursor: null });
