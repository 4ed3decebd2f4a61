// A short sound for each kind of outcome, so a cashier who looks at the customer still knows: two rising notes for
// points given, one middle note for saved-and-waiting, two falling low notes for a refusal or a problem. Made with the
// Web Audio API (no sound files to load); the shop can turn them off in Settings.
import type { OutcomeKind } from './outcome.ts';

type Note = { hz: number; ms: number };

export const OUTCOME_SOUNDS: Readonly<Record<OutcomeKind, readonly Note[] | null>> = {
  awarded: [{ hz: 1046.5, ms: 90 }, { hz: 1318.5, ms: 140 }],
  claimQr: [{ hz: 1046.5, ms: 90 }, { hz: 1318.5, ms: 140 }],
  queued: [{ hz: 784, ms: 160 }],
  sending: null,
  review: [{ hz: 392, ms: 140 }, { hz: 311.1, ms: 220 }],
  refused: [{ hz: 392, ms: 140 }, { hz: 311.1, ms: 220 }],
  qrFailed: [{ hz: 392, ms: 140 }, { hz: 311.1, ms: 220 }],
  voided: null,
  cancelled: null,
};

let context: AudioContext | null = null;

export function playOutcomeSound(kind: OutcomeKind): void {
  const notes = OUTCOME_SOUNDS[kind];
  const Context = window.AudioContext as typeof AudioContext | undefined;
  if (!notes || !Context) return;
  context ??= new Context();
  let at = context.currentTime;
  for (const note of notes) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = note.hz;
    // A quick fade in and out: no click at either end.
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.2, at + 0.01);
    gain.gain.linearRampToValueAtTime(0, at + note.ms / 1000);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + note.ms / 1000);
    at += note.ms / 1000;
  }
}
