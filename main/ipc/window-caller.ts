// A window as a caller: it joins the caller registry when it opens and leaves it when it is destroyed. A reload, or a
// renderer that died, starts its page over: the core forgets that caller's session then too, as the browser host does
// for a reloaded page (a new socket).
import type { Caller } from '../../app/contract.ts';
import type { CallerRegistry } from '../callers/caller-registry.ts';
import { windowListener, type EventTarget } from './channels.ts';

/** The subset of WebContents followed here. */
export interface FollowedContents extends EventTarget {
  readonly id: number;
  on(event: 'destroyed' | 'render-process-gone' | 'did-navigate' | 'did-finish-load', listener: () => void): unknown;
}

export function followWindow(contents: FollowedContents, role: Caller['role'], callers: CallerRegistry, restarted: (callerId: string) => void): Caller {
  const caller: Caller = { id: `${role}-window:${contents.id}`, role };
  const listener = windowListener(caller, contents);
  const leave = callers.join(listener);
  // A page that (re)loaded missed what was sent before it listened: joining again hands it the latest display state.
  contents.on('did-finish-load', () => void callers.join(listener));
  contents.on('destroyed', leave);
  contents.on('render-process-gone', () => restarted(caller.id));
  contents.on('did-navigate', () => restarted(caller.id));
  return caller;
}
