// The console's page cursors: `<ms>_<id>` of the row a page continues from (keyset paging on a time and an id, so a
// page far down a long list costs what the first one does). Opaque to the console, checked by the routes.
export const CURSOR = /^\d{1,15}_[A-Za-z0-9_-]{1,64}$/;

export interface Cursor {
  at: number;
  id: string;
}

export const encodeCursor = ({ at, id }: Cursor) => `${at}_${id}`;

/** Reads a cursor that matched CURSOR. */
export function decodeCursor(text: string): Cursor {
  const split = text.indexOf('_');
  return { at: Number(text.slice(0, split)), id: text.slice(split + 1) };
}
