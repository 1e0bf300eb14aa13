// The branded shell every email shares: a plain-text body and a simple, inline-styled HTML body.
import { escapeHtml } from '../../html/index.ts';
import type { Brand, Tier } from '../../shared/api.ts';
import { languageTag } from '../../shared/i18n/locales.ts';
import { currentLocale, t } from '../../shared/i18n/translate.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailContext {
  brand: Brand;
  publicUrl: string;
  /** When the mail is written (unix ms, the services clock): "expires in 12 minutes" counts from it. */
  now: number;
  /** The plans on sale, named in the mail's language (content/<locale>/shop.json over PRICING). */
  tiers: readonly Pick<Tier, 'id' | 'name'>[];
}

export interface EmailBody {
  /** Shown as the email's heading. */
  heading: string;
  /** Paragraphs of plain text (escaped for HTML). */
  intro: string[];
  action?: { label: string; url: string };
  /** Smaller paragraphs after the action. */
  notes: string[];
  /** Mail a customer may turn off: the signed link that does it, shown in the footer. */
  unsubscribeUrl?: string;
}

/** Renders a body in the shop's brand, in the mail's language (`inLocale`): the same words in text and HTML. */
export function brandedMail(subject: string, body: EmailBody, { brand, publicUrl }: MailContext): RenderedMail {
  const signature = `${brand.name} · ${publicUrl}\n${t('mail.questions', { email: brand.supportEmail })}`;
  const text = [
    body.heading,
    '',
    ...body.intro.flatMap((p) => [p, '']),
    ...(body.action ? [`${body.action.label}:`, body.action.url, ''] : []),
    ...body.notes.flatMap((p) => [p, '']),
    '—',
    signature,
    ...(body.unsubscribeUrl ? [`${t('mail.stopReminders')}: ${body.unsubscribeUrl}`] : []),
  ].join('\n');

  const p = (content: string, style = '') => `<p style="margin:0 0 16px;${style}">${escapeHtml(content)}</p>`;
  const button = body.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(body.action.url)}" style="display:inline-block;background:${brand.primaryColor};color:#ffffff;font-weight:600;text-decoration:none;padding:12px 22px;border-radius:8px">${escapeHtml(body.action.label)}</a></p>` +
      p(t('mail.pasteLink', { url: body.action.url }), 'font-size:13px;color:#5b6270;word-break:break-all')
    : '';
  const html = `<!doctype html><html lang="${languageTag(currentLocale())}"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f7f9;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#14161a">
<div style="max-width:520px;margin:0 auto;background:#ffffff;border:1px solid #dfe2e8;border-radius:12px;overflow:hidden">
<div style="background:${brand.primaryColor};color:#ffffff;padding:16px 24px;font-weight:700;font-size:18px">${escapeHtml(brand.name)}</div>
<div style="padding:24px">
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(body.heading)}</h1>
${body.intro.map((t) => p(t)).join('\n')}
${button}
${body.notes.map((t) => p(t, 'font-size:14px;color:#5b6270')).join('\n')}
</div>
<div style="border-top:1px solid #dfe2e8;padding:16px 24px;font-size:13px;color:#5b6270">${escapeHtml(brand.legal.companyName)} · <a href="mailto:${escapeHtml(brand.supportEmail)}" style="color:#5b6270">${escapeHtml(brand.supportEmail)}</a>${body.unsubscribeUrl ? ` · <a href="${escapeHtml(body.unsubscribeUrl)}" style="color:#5b6270">${escapeHtml(t('mail.stopReminders'))}</a>` : ''}</div>
</div></body></html>`;
  return { subject, text, html };
}
