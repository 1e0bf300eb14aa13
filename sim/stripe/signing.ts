// The Stripe-Signature header, computed exactly as Stripe does for a webhook endpoint.
import { createHmac } from 'node:crypto';
import { nowSeconds } from './clock.ts';

/** `t=…,v1=…`: HMAC-SHA256 of `${t}.${payload}` with the endpoint's secret. */
export function signPayload(payload: string, secret: string, timestamp = nowSeconds()): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}
