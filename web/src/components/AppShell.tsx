// The signed-in app's page around its content: the shop's layout with the session's links. The app renders every
// page in it, and the Worker the dashboard it renders for a signed-in customer.
import type { ComponentChildren } from 'preact';
import { Layout } from './Layout.tsx';
import { SessionNav } from './SessionNav.tsx';

/** `path`: the page's address, for the language and currency switchers. */
export function AppShell({ path, children }: { path: string; children: ComponentChildren }) {
  return (
    <Layout nav={<SessionNav />} path={path}>
      {children}
    </Layout>
  );
}
