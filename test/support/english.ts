// Writing in English outside a request, as the Worker writes once it has fetched the English catalog
// (src/i18n/catalogs.ts): for tests of a text's own function.
import { CATALOGS } from '../../src/shared/i18n/catalogs/index.ts';
import { inLocale, provideCatalog } from '../../src/shared/i18n/translate.ts';

export function inEnglish<T>(write: () => T): T {
  provideCatalog('en', CATALOGS.en);
  return inLocale('en', write);
}
