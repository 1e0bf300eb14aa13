// The proxy pools and rotation modes by what they do, in the page's language (the URL builder and the help); the
// rotation's are short enough for a select on a phone, the help panel says the rest.
import type { Pool, RotationMode } from '../../../src/shared/proxy-url.ts';
import { t } from '../i18n.ts';

export function poolLabel(pool: Pool): string {
  switch (pool) {
    case 'mbl':
      return t('pool.mbl');
    case 'peer':
      return t('pool.peer');
    case 'any':
      return t('pool.any');
    case 'best':
      return t('pool.best');
  }
}

export function rotationLabel(mode: RotationMode): string {
  switch (mode) {
    case 'auto5':
      return t('rotation.auto5');
    case 'auto10':
      return t('rotation.auto10');
    case 'auto20':
      return t('rotation.auto20');
    case 'auto60':
      return t('rotation.auto60');
    case 'ondemand':
      return t('rotation.ondemand');
    case 'sticky':
      return t('rotation.sticky');
    case 'hard':
      return t('rotation.hard');
  }
}
