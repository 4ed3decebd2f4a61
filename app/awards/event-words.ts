// The event trail in words every language can say. Kaunter writes an event's reason and actor as English text (what
// the command line, the log, the hub and databases made by older versions hold), so each is read back here into its
// message code and parameters: a reason Kaunter wrote itself by its template in app/messages.ts, an RM error by its
// code, and the actor by its kind. A reason a person typed has no code and is shown as typed.
import { MESSAGES, PLACEHOLDER, rmMessageKey, say, type MessageParams } from '../messages.ts';
import type { AwardEvent, AwardEventView, EventActor } from './award.ts';

const HEAD_OFFICE = ' (head office)';
/** Who the trail names for the RM evidence gathered on an award. */
export const EVIDENCE_ACTOR = 'evidence';

/** The manager's name in the trail when a decision taken at head office is carried out here. */
export function headOfficeManager(name: string): string {
  return `${name}${HEAD_OFFICE}`;
}

/**
 * One template of app/messages.ts as a pattern that gives back its parameters. A word chosen by a count
 * (`{{credits|credit|credits}}`) may be either: the count itself is read back from its own `{{credits}}`.
 */
function templatePattern(template: string): RegExp {
  let body = '';
  let after = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [whole, name, one, many] = match;
    body += literally(template.slice(after, match.index));
    body += one === undefined || many === undefined ? `(?<${name}>.+?)` : `(?:${literally(one)}|${literally(many)})`;
    after = match.index + whole.length;
  }
  return new RegExp(`^${body}${literally(template.slice(after))}$`, 's');
}

function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const EVENT_TEMPLATES: ReadonlyArray<[string, RegExp]> = Object.keys(MESSAGES)
  .filter((key) => key.startsWith('event.'))
  .map((key) => [key, templatePattern(MESSAGES[key] ?? key)]);

/** The code of a reason Kaunter wrote (`{{rm}}` is the event's RM or transport code), or null: a person's own words. */
export function reasonWords(reason: string | null, errorCode: string | null): { key: string; params: MessageParams } | null {
  if (reason === null) return null;
  for (const [key, pattern] of EVENT_TEMPLATES) {
    const match = pattern.exec(reason);
    if (!match) continue;
    const params: MessageParams = { ...match.groups };
    if ('rm' in params) {
      if (errorCode === null) continue;
      params.rm = errorCode;
    }
    return { key, params };
  }
  if (errorCode !== null && reason === say(rmMessageKey(errorCode))) return { key: rmMessageKey(errorCode), params: {} };
  return null;
}

/** Who, by kind: 'relay', 'system', 'cashier:<name>', 'manager:<name>' and 'manager:<name> (head office)'. */
export function actorWords(actor: string): EventActor {
  if (actor === 'relay' || actor === 'system') return { kind: actor, name: '' };
  // Kaunter itself noted what RM said when asked for evidence.
  if (actor === EVIDENCE_ACTOR) return { kind: 'system', name: '' };
  const [, role, name] = /^(cashier|manager):(.+)$/s.exec(actor) ?? [];
  if (role === 'manager' && name?.endsWith(HEAD_OFFICE)) return { kind: 'headOffice', name: name.slice(0, -HEAD_OFFICE.length) };
  if (role === 'cashier' || role === 'manager') return { kind: role, name: name ?? '' };
  return { kind: 'other', name: actor };
}

export function eventView(event: AwardEvent): AwardEventView {
  return { ...event, said: reasonWords(event.reason, event.errorCode), by: actorWords(event.actor) };
}
