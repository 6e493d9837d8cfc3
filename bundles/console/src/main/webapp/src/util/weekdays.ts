import { i18n } from '../i18n'

/** The days of the week as java.time.DayOfWeek names them in JSON. */
export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const

/** A DayOfWeek name (MONDAY) in the current language (星期一, Monday), from the browser's Intl data. */
export function weekdayName(day: string, locale: string = i18n.global.locale.value, style: 'long' | 'short' = 'long'): string {
  const i = (WEEKDAYS as readonly string[]).indexOf(day)
  if (i < 0) return day
  // 2024-01-01 was a Monday
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i)))
}

/** The DayOfWeek name of a date YYYY-MM-DD (2026-12-02 gives WEDNESDAY). */
export function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]
}
