import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import { pages } from './pages'
import { can, isParentOnly, session } from './session'
import Forbidden from './components/Forbidden.vue'

// Hash routes (#/events): the server serves one index.html, and CXF owns every other path below /gatehouse/.
const routes: RouteRecordRaw[] = pages.map(p => ({
  path: p.path, name: p.name, component: p.component as any, meta: { page: p },
}))
routes.push({ path: '/forbidden', name: 'forbidden', component: Forbidden })
routes.push({ path: '/:rest(.*)*', redirect: () => home() })

/** The first page the signed-in user may open. */
export function home(): string {
  if (isParentOnly()) return pages.find(p => p.layout === 'phone')?.path ?? '/forbidden'
  return pages.find(p => p.order !== undefined && p.layout !== 'phone' && can(p.roles))?.path ?? '/forbidden'
}

export const router = createRouter({ history: createWebHashHistory(), routes })

router.beforeEach(to => {
  const page = (to.meta as any).page
  if (!page || !session.me) return true
  if (!can(page.roles)) return { name: 'forbidden', query: { page: page.name } }
  if (isParentOnly() && page.layout !== 'phone') return home()
  return true
})
