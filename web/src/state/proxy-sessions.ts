// The customer's open gateway sessions (their own key only): list, close one, close all.
import { api, read } from '../api.ts';

export async function listProxySessions() {
  return (await read(api.sessions.$get())).sessions;
}

export async function closeProxySession(key: string): Promise<void> {
  await read(api.sessions[':key'].$delete({ param: { key } }));
}

/** Resolves to how many sessions were closed. */
export async function closeAllProxySessions(): Promise<number> {
  return (await read(api.sessions.$delete())).closed;
}
