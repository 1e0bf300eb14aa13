// The page for an address the shop does not have.
import { href, t } from '../i18n.ts';

export function NotFound() {
  return (
    <section class="center">
      <h1>{t('site.notFound.title')}</h1>
      <p class="muted">{t('site.notFound.text')}</p>
      <a class="button" href={href('/')}>
        {t('site.notFound.back')}
      </a>
    </section>
  );
}
