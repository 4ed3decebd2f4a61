// Each award state's shape, beside its name and colour: a state is never told by colour alone.
import { CircleAlert, CircleCheck, CircleSlash, CircleX, Clock, Send, Undo2 } from 'lucide-react';
import type { AwardState } from '../types.ts';

const ICONS = { QUEUED: Clock, SENDING: Send, AWARDED: CircleCheck, REJECTED: CircleX, UNKNOWN: CircleAlert, VOIDED: Undo2, CANCELLED: CircleSlash } as const;

export function StateIcon({ state }: { state: AwardState }) {
  const Icon = ICONS[state];
  return <Icon aria-hidden="true" size={16} />;
}
