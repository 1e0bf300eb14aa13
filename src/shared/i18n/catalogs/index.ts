// Every shipped language's catalog (the Worker renders pages, mail and API errors in any of them; the SPA's build
// inlines one language's messages per build and ships no catalog).
import type { Locale } from '../locales.ts';
import type { Message } from '../message.ts';
import * as de from './de/index.ts';
import { en, type mails, type pages } from './en/index.ts';
import * as es from './es/index.ts';
import * as fr from './fr/index.ts';
import * as ptBr from './pt-br/index.ts';
import * as ru from './ru/index.ts';
import type { Translation } from './types.ts';
import * as zhCn from './zh-cn/index.ts';

export type English = typeof en;
export type MessageKey = keyof English;
export type Catalog = { readonly [K in MessageKey]: Message };

/** A language's two parts, each typed against English's (./types.ts), as one catalog. */
const both = (language: { pages: Translation<typeof pages>; mails: Translation<typeof mails> }): Catalog => ({
  ...language.pages,
  ...language.mails,
});

export const CATALOGS: Record<Locale, Catalog> = {
  en,
  de: both(de),
  es: both(es),
  'pt-br': both(ptBr),
  fr: both(fr),
  ru: both(ru),
  'zh-cn': both(zhCn),
};
