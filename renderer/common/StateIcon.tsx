// Each award state's shape, beside its name and colour: a state is never told by colour alone.
import { CircleAlert, CircleCheck, CircleSlash, CircleX, Clock, QrCode, Send, Undo2 } from 'lucide-react';
import type { ShownState } from './shown-state.ts';

// A claim QR not seen claimed is not given: it has a shape of its own, not the awarded check.
const ICONS = { QUEUED: Clock, SENDING: Send, AWARDED: CircleCheck, REJECTED: CircleX, UNKNOWN: CircleAlert, VOIDED: Undo2, CANCELLED: CircleSlash, unclaimedQr: QrCode } as const;

export function StateIcon({ state }: { state: ShownState }) {
  const Icon = ICONS[state];
  return <Icon aria-hidden="true" size={16} />;
}
