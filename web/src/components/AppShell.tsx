// The signed-in app's page around its content: the shop's layout with the session's links. The app renders every
// page in it, and the Worker the dashboard it renders for a signed-in customer.
import type { ComponentChildren } from 'preact';
import { Layout } from './Layout.tsx';
import { SessionNav } from './SessionNav.tsx';

export function AppShell({ children }: { children: ComponentChildren }) {
  return <Layout nav={<SessionNav />}>{children}</Layout>;
}
