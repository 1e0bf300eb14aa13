// A list of proxy URLs in the representation a script asked for: JSON, one URL a line, or CSV (formula-safe, the
// console exports' own cells) for tools that take host, port, username and password apart.
import { csvLine } from '../admin/index.ts';
import type { ProxyListEntry } from '../dashboard/index.ts';
import type { ListFormat } from './schemas.ts';

export interface ListDownload {
  body: string;
  contentType: string;
  filename: string;
}

const CSV_COLUMNS = ['url', 'protocol', 'host', 'port', 'username', 'password', 'sid'] as const;

/** The txt or csv download of `entries`, named after what is in it (e.g. `proxies-de-5.txt`). */
export function proxyListDownload(
  entries: ProxyListEntry[],
  format: Exclude<ListFormat, 'json'>,
  country: string | undefined,
): ListDownload {
  const filename = `proxies-${country ?? 'any'}-${entries.length}.${format}`;
  if (format === 'txt')
    return {
      body: entries.map((e) => `${e.url}\n`).join(''),
      contentType: 'text/plain; charset=utf-8',
      filename,
    };
  return {
    body: csvLine(CSV_COLUMNS) + entries.map((e) => csvLine(CSV_COLUMNS.map((column) => e[column]))).join(''),
    contentType: 'text/csv; charset=utf-8',
    filename,
  };
}
