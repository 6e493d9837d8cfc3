// Attendance dates and charts: the 7 days ending on a date (the default range) and whether charts animate.
import { lastDays } from '../../util/presence'

/** The 7 dates (YYYY-MM-DD) ending on the given one, oldest first. */
export function weekEnding(date: string): string[] {
  const [y, m, d] = date.split('-').map(Number)
  return lastDays(7, new Date(y, m - 1, d)).reverse()
}

/** Whether charts should animate: the end-to-end tests switch animation off with window.__gatehouseNoAnimation. */
export function chartAnimation(w: unknown = typeof window === 'undefined' ? undefined : window): boolean {
  return !(w && (w as { __gatehouseNoAnimation?: unknown }).__gatehouseNoAnimation === true)
}
