// The page registry. A page is a folder under src/pages/ with a page.ts that default-exports definePage({...});
// adding a page needs no change anywhere else: the menu, the route, the role check and the texts come from here.
import type { Component } from 'vue'
import { addMessages, type Locale } from './i18n'

export interface PageDef {
  /** Route name and folder name, e.g. 'events'. */
  name: string
  /** Hash route, e.g. '/events' or '/people/:id?'. */
  path: string
  /** i18n key of the menu entry and page title. */
  title: string
  /** Roles that may open the page (admin always may). The server checks every call again. */
  roles: string[]
  /** Menu position; pages without one are routes only (not in the menu). */
  order?: number
  /** 'phone': the parent view; every other page uses the desktop layout. */
  layout?: 'desktop' | 'phone'
  component: () => Promise<Component | { default: Component }>
  messages?: Partial<Record<Locale, Record<string, unknown>>>
}

export function definePage(def: PageDef): PageDef {
  return def
}

const modules = import.meta.glob<{ default: PageDef }>('./pages/*/page.ts', { eager: true })

export const pages: PageDef[] = Object.values(modules).map(m => m.default)
  .sort((a, b) => (a.order ?? 1000) - (b.order ?? 1000) || a.name.localeCompare(b.name))

for (const p of pages) if (p.messages) addMessages(p.messages)
