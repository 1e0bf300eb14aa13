// The SPA's words and addresses in the page's language: `t('key')` (inlined by each locale's build), `rich` for
// messages around elements, and `href` for the shop's paths in the page's locale (`/signin` → `/de/signin`).
import { localizedPath } from '../../src/shared/i18n/locales.ts';
import { currentLocale } from '../../src/shared/i18n/translate.ts';
import { shopConfig } from './state/config.ts';

export { currentLocale, rich, t } from '../../src/shared/i18n/translate.ts';

/** A shop path in the page's locale; another site's address or an anchor (`#pricing`) as it is. */
export function href(path: string): string {
  return localizedPath(path, currentLocale(), shopConfig().defaultLocale);
}
