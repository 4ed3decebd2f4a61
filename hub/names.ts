// A name a person types at the hub (an outlet, a terminal, a user, a sign-in) finds what the hub holds whatever its
// case: "mid valley" is the outlet "Mid Valley", "boss" signs in as "Boss". Callers trim it first. The tables' UNIQUE
// is exact, and enrol and `user add` refuse a second name differing only in case, but a hub from before that rule may
// hold two: the one spelled exactly as typed is taken first, then the first by name, so a name always finds the same
// one. The rule is in SQL, so both sides are folded by the same lower() (the database's, not JavaScript's).

/**
 * SQL: a name as it is compared, whatever its case. Also what a name's sign-ins are held under (hub/people.ts), so
 * "Boss" and "boss" are one person with one lockout; login_failures' index (migration 017) is on this expression.
 */
export function foldedName(name: string): string {
  return `lower(${name})`;
}

/** SQL: the name in `column` is `typed` (a placeholder such as $1) whatever its case. */
export function sameName(column: string, typed: string): string {
  return `${foldedName(column)} = ${foldedName(typed)}`;
}

/** SQL for an ORDER BY: of the rows sameName finds, the one spelled exactly as typed first, then by name. */
export function exactNameFirst(column: string, typed: string): string {
  return `${column} = ${typed} DESC, ${column}`;
}

/** SQL: the id of the outlet or user named `typed`, or NULL when there is none. */
export function idNamed(table: 'outlets' | 'users', typed: string): string {
  return `(SELECT id FROM ${table} WHERE ${sameName('name', typed)} ORDER BY ${exactNameFirst('name', typed)} LIMIT 1)`;
}

/** SQL: the ids of the terminals named `typed`, one at each outlet that has one. */
export function terminalIdsNamed(typed: string): string {
  return `(SELECT DISTINCT ON (outlet_id) id FROM terminals WHERE ${sameName('name', typed)} ORDER BY outlet_id, ${exactNameFirst('name', typed)})`;
}
