// The de catalog: its pages' words and its mail's words, each typed against English's keys.
export { mails } from './mail.ts';
export { pages } from './pages.ts';
