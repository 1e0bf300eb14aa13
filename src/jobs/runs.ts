// The `job_runs` and `job_parts` rows: one run per job and cron tick, and the parts of it that are done. A run is
// opened by its first message unless an earlier tick's run of the same job is still under way (that run reads the
// same rows: the new tick leaves the work to it); a part is recorded done in the batch that says whether the run is
// finished, so exactly one message finishes a run.
import { and, count, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import { jobParts, jobRuns } from '../../schema.ts';
import type { Db } from '../db/index.ts';
import { MINUTE_MS } from '../time.ts';
import type { JobName } from './messages.ts';

/**
 * A run none of whose messages made progress for this long is given up on (a consumer runs at most 15 minutes of
 * wall time, and a failing message is dead-lettered within a few minutes): the next tick starts a new one.
 */
export const JOB_RUN_STALE_MS = 15 * MINUTE_MS;

export interface RunRef {
  job: JobName;
  tick: number;
}

const isRun = (run: RunRef) => and(eq(jobRuns.job, run.job), eq(jobRuns.tick, run.tick));

/**
 * Opens the run of `run.job` for `run.tick`: 'started' now, 'open' (started before: a message delivered again), or
 * 'busy' when another tick's run of the job is still under way (this tick's is not opened).
 */
export async function openRun(db: Db, run: RunRef, now: number): Promise<'started' | 'open' | 'busy'> {
  const busy = db
    .select({ tick: jobRuns.tick })
    .from(jobRuns)
    .where(
      and(
        eq(jobRuns.job, run.job),
        ne(jobRuns.tick, run.tick),
        isNull(jobRuns.finishedAt),
        gt(jobRuns.touchedAt, now - JOB_RUN_STALE_MS),
      ),
    );
  const [started, [existing]] = await db.batch([
    db
      .insert(jobRuns)
      .select(
        db
          .select({
            job: sql`${run.job}`.as('job'),
            tick: sql`${run.tick}`.as('tick'),
            parts: sql`null`.as('parts'),
            startedAt: sql`${now}`.as('started_at'),
            touchedAt: sql`${now}`.as('touched_at'),
            finishedAt: sql`null`.as('finished_at'),
            outcome: sql`null`.as('outcome'),
          })
          .from(sql`(select 1)`)
          .where(sql`not exists ${busy}`),
      )
      .onConflictDoNothing()
      .returning({ tick: jobRuns.tick }),
    db.select({ tick: jobRuns.tick }).from(jobRuns).where(isRun(run)),
  ]);
  if (started.length) return 'started';
  return existing ? 'open' : 'busy';
}

export async function isPartDone(db: Db, run: RunRef, part: number): Promise<boolean> {
  const [row] = await db
    .select({ part: jobParts.part })
    .from(jobParts)
    .where(and(eq(jobParts.job, run.job), eq(jobParts.tick, run.tick), eq(jobParts.part, part)))
    .limit(1);
  return Boolean(row);
}

export async function isRunFinished(db: Db, run: RunRef): Promise<boolean> {
  const [row] = await db.select({ finishedAt: jobRuns.finishedAt }).from(jobRuns).where(isRun(run)).limit(1);
  return row?.finishedAt != null;
}

/**
 * Records `part` of the run done (and how many parts the run has, when `parts` is given and no part said so before);
 * finishes the run when all its parts are done. One batch: of any number of messages completing the last part, one
 * finishes the run (answers `finishedNow`).
 */
export async function completePart(
  db: Db,
  run: RunRef,
  part: number,
  parts: number | undefined,
  now: number,
): Promise<{ finishedNow: boolean }> {
  const partsDone = db
    .select({ n: count() })
    .from(jobParts)
    .where(and(eq(jobParts.job, run.job), eq(jobParts.tick, run.tick)));
  const [, , finishing] = await db.batch([
    db
      .insert(jobParts)
      .values({ ...run, part, doneAt: now })
      .onConflictDoNothing(),
    db
      .update(jobRuns)
      .set({ touchedAt: now, ...(parts === undefined ? {} : { parts: sql`coalesce(${jobRuns.parts}, ${parts})` }) })
      .where(isRun(run)),
    db
      .update(jobRuns)
      .set({ finishedAt: now, outcome: 'done' })
      .where(and(isRun(run), isNull(jobRuns.finishedAt), sql`${jobRuns.parts} <= (${partsDone})`))
      .returning({ tick: jobRuns.tick }),
  ]);
  return { finishedNow: finishing.length > 0 };
}

/** A message that carries on its part in a next one: the run is still making progress. */
export async function touchRun(db: Db, run: RunRef, now: number): Promise<void> {
  await db.update(jobRuns).set({ touchedAt: now }).where(isRun(run));
}

/** The run gave up (a broken config, a message dead-lettered): finished as failed; true when this call ended it. */
export async function failRun(db: Db, run: RunRef, now: number): Promise<boolean> {
  const ended = await db
    .update(jobRuns)
    .set({ finishedAt: now, outcome: 'failed' })
    .where(and(isRun(run), isNull(jobRuns.finishedAt)))
    .returning({ tick: jobRuns.tick });
  return ended.length > 0;
}

/** Forgets up to `limit` runs (and their parts) of ticks before `before`; returns how many runs. */
export async function forgetRuns(db: Db, before: number, limit: number): Promise<number> {
  const old = sql`select job, tick from ${jobRuns} where ${lt(jobRuns.tick, before)} order by tick limit ${limit}`;
  const [, runs] = await db.batch([
    db.delete(jobParts).where(sql`(${jobParts.job}, ${jobParts.tick}) in (${old})`),
    db.delete(jobRuns).where(sql`(${jobRuns.job}, ${jobRuns.tick}) in (${old})`),
  ]);
  return runs.meta.changes;
}
