// A hub's answer that carries the counter's own records (a restore page) is read with the same strict schemas the hub
// holds what counters send to, past the fields a newer hub added: those are left out, so they never reach the counter's
// database (its kept evidence is JSON, read back strictly), and anything else the counter cannot read is still refused.
import { z } from 'zod';

/** `schema`, reading past every field it does not know, at any depth; the fields it knows keep all their rules. */
export function readingPastNewerFields<S extends z.ZodType>(schema: S): z.ZodType<z.output<S>> {
  return z.unknown().transform((json, ctx) => {
    let value = json;
    for (;;) {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      const unknownFields = parsed.error.issues.filter((issue): issue is z.core.$ZodIssueUnrecognizedKeys => issue.code === 'unrecognized_keys');
      const next = unknownFields.length === parsed.error.issues.length ? withoutFields(value, unknownFields) : null;
      if (next === null) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
        return z.NEVER;
      }
      value = next;
    }
  });
}

/** A copy of `value` without the fields named, or null when none of them is there (nothing would change). */
function withoutFields(value: unknown, issues: ReadonlyArray<{ path: PropertyKey[]; keys: string[] }>): unknown {
  const copy = structuredClone(value);
  let removed = 0;
  for (const { path, keys } of issues) {
    const holder = path.reduce<unknown>((at, key) => (isRecord(at) ? at[key as string] : undefined), copy);
    if (!isRecord(holder)) continue;
    for (const key of keys) {
      if (!Object.hasOwn(holder, key)) continue;
      Reflect.deleteProperty(holder, key);
      removed += 1;
    }
  }
  return removed > 0 ? copy : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
