import type { ChannelInput, ChannelName, ChannelOutput, Contract } from '../../shared/ipc/contract';
import type { z } from 'zod';
import type { RequestContext } from './app-context';

/** A handler receives the parsed (defaults applied) input. */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;

export type Handler<C extends ChannelName> = (ctx: RequestContext, input: ParsedInput<C>) => Promise<ChannelOutput<C>>;

/** A feature's handlers: a subset of the contract's channels. */
export type HandlerMap<K extends ChannelName> = { [C in K]: Handler<C> };

export type { ChannelInput };
