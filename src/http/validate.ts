// zod validation for route inputs; a failure is a 400 in the API's error shape naming the field.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type * as z from '../zod.ts';
import { ApiError } from './errors.ts';

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** `validate('json', schema)`: parsed input in `c.req.valid('json')`, or a 400 `invalid_request`. */
export function validate<T extends z.ZodMiniType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const isJsonSyntax = target === 'json' && result.error.issues.length === 0;
      throw new ApiError(
        400,
        'invalid_request',
        isJsonSyntax ? 'The body is not valid JSON.' : describe(result.error.issues),
      );
    }
  });
}
