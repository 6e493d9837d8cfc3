import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN.json'
import en from './locales/en.json'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = typeof LOCALES[number]
const KEY = 'gatehouse.locale' // only the language preference is kept in the browser, never a token

function initial(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null
  return (LOCALES as readonly string[]).includes(saved ?? '') ? saved as Locale : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initial(),
  fallbackLocale: 'en',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function setLocale(l: Locale) {
  i18n.global.locale.value = l
  localStorage.setItem(KEY, l)
  document.documentElement.lang = l
}

/** Adds a page's own messages (each page ships its zh-CN and en texts beside its code). */
export function addMessages(messages: Partial<Record<Locale, Record<string, unknown>>>) {
  for (const l of LOCALES) {
    if (messages[l]) i18n.global.mergeLocaleMessage(l, messages[l] as any)
  }
}
