// English, the language every other catalog translates: its keys are the shop's message keys. Each language gives
// its pages' words and its mail's words (mails and legal texts) in a file each.
import { dashboard } from './dashboard.ts';
import { landing } from './landing.ts';
import { legal } from './legal.ts';
import { mail } from './mail.ts';
import { signin } from './signin.ts';
import { site } from './site.ts';

export const pages = { ...site, ...landing, ...signin, ...dashboard } as const;
export const mails = { ...mail, ...legal } as const;
export const en = { ...pages, ...mails } as const;
