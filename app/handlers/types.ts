import type { z } from 'zod';
import type { Caller, Contract, MethodName, MethodOutput } from '../contract.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';

export type HandlerInput<M extends MethodName> = z.output<Contract[M]['input']>;
/** `caller` is who asked, as the host named them: the manager's session and events addressed back are theirs. */
export type Handler<M extends MethodName> = (core: KaunterCore, input: HandlerInput<M>, caller: Caller) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type HandlerTable<N extends MethodName = MethodName> = { [M in N]: Handler<M> };
export type NamespaceHandlers<P extends string> = HandlerTable<Extract<MethodName, `${P}.${string}`>>;
