// The shape every language's catalog has: English's keys, each a text or plural forms (the catalog test checks that
// placeholders and plural categories match).
import type { PluralForms } from '../message.ts';

/** Another language's version of an English catalog part: the same keys, its own words. */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : PluralForms };
