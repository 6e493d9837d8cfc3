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
