// The dashboard's traffic per day (a chunk of its own, fetched when the key is shown): the customer's own series, from
// /api/usage, in the chart the console's customer page shows too.
import { api, read } from '../api.ts';
import { UsageHistory } from '../components/Charts.tsx';

const loadTraffic = () => read(api.usage.$get({ query: { days: '30' } }));

export function Traffic({ leftMb, expiresAt }: { leftMb: number | null; expiresAt: number | null }) {
  return <UsageHistory load={loadTraffic} leftMb={leftMb} expiresAt={expiresAt} />;
}
