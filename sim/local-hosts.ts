// The simulators answer only to the names this machine gives them. Otherwise a page open in the developer's browser
// could read them by DNS rebinding (its own name made to resolve to 127.0.0.1, so its scripts count as same-origin):
// the outbox holds sign-in links. Such a request still carries the page's name in Host, so anything but 127.0.0.1 or
// localhost on the port the simulator listens on is refused with 421 Misdirected Request (RFC 9110 §15.5.20).
import type { Http2Bindings, HttpBindings } from '@hono/node-server';

const LOCAL_NAMES = ['127.0.0.1', 'localhost'];

type Fetch = (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

export function localHostsOnly(fetch: Fetch): Fetch {
  return (request, env) => {
    const port = env.incoming.socket.localPort;
    const host = request.headers.get('host')?.toLowerCase();
    if (LOCAL_NAMES.some((name) => host === `${name}:${port}`)) return fetch(request, env);
    return new Response(`This simulator answers only to 127.0.0.1:${port} and localhost:${port}.\n`, {
      status: 421,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  };
}
