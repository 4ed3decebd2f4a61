// Builds `window.kaunter` from the contract's method and event names: one function per method, namespaced, and an
// `on` that accepts only the contract's events. Electron's preload and the browser host's bridge both use it, so the
// renderer sees the same object whichever host it runs in.
import type { EventName, KaunterApi, MethodName, Result } from './contract.ts';

export type Invoke = (method: MethodName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, handler: (payload: unknown) => void) => () => void;

export function buildKaunterApi(methods: readonly MethodName[], eventNames: readonly EventName[], invoke: Invoke, subscribe: Subscribe): KaunterApi {
  type Call = (input: unknown) => Promise<Result<unknown>>;
  const namespaces: Record<string, Record<string, Call>> = {};
  for (const method of methods) {
    const [namespace, name] = method.split('.') as [string, string];
    (namespaces[namespace] ??= {})[name] = (input: unknown) => invoke(method, input ?? {});
  }
  const allowed = new Set<string>(eventNames);
  const on = (event: string, handler: (payload: unknown) => void): (() => void) => {
    if (!allowed.has(event) || typeof handler !== 'function') throw new TypeError(`Kaunter has no event called "${event}".`);
    return subscribe(event as EventName, handler);
  };
  return { ...namespaces, on } as unknown as KaunterApi;
}
