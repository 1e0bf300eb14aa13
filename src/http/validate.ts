// zod validation for route inputs; a failure is a 400 in the API's error shape naming the field.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { words } from '../shared/i18n/translate.ts';
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
      const { issues } = result.error;
      const isJsonSyntax = target === 'json' && issues.length === 0;
      // An address a person typed is refused in their language too (the rest of a body is the app's or a developer's).
      const typed = issues.length > 0 && issues.every((i) => i.path[0] === 'email');
      throw new ApiError(
        400,
        'invalid_request',
        isJsonSyntax ? 'The body is not valid JSON.' : describe(issues),
        undefined,
        typed ? words('error.invalidEmail') : undefined,
      );
    }
  });
}
