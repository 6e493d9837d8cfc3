// Lists of time windows as the perimeter arming schedule (ArmingSchedule.Window) and the danger zones' allowed hours
// (DangerZoneRule.Window) name them: days (all, school, holiday or MON,TUE,...) and a daily from-to in the site's
// time. The days and the window kinds are the stranger rules' (pages/strangers/strangers.ts), reused here.
import { decodeDays, dayOfWeek, encodeDays, hhmm, windowKind, type DaysChoice, type WindowKind } from '../pages/strangers/strangers'
import { addMessages, i18n } from '../i18n'
import { weekdayName } from './weekdays'

export { DAYS, DAY_MODES, dayOfWeek, windowKind } from '../pages/strangers/strangers'
export type { DaysChoice, DaysMode, WindowKind } from '../pages/strangers/strangers'

/** A window as the API sends and takes it; from/to "HH:mm" ("HH:mm:ss" accepted). */
export interface TimeWindow { days: string; from: string; to: string }

/** A window as the editor holds it. */
export interface WindowDraft { days: DaysChoice; from: string; to: string }

/** A new window of the editor: school days, by default overnight from 18:30 to 06:30 (the usual armed night). */
export function newWindow(from = '18:30', to = '06:30'): WindowDraft {
  return { days: { mode: 'school', weekdays: [] }, from, to }
}

export function windowDrafts(windows: readonly TimeWindow[] | null | undefined): WindowDraft[] {
  return (windows ?? []).map(w => ({ days: decodeDays(w.days), from: hhmm(w.from), to: hhmm(w.to) }))
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** The problem of each window by its index, as the server's codes: bad-days (no day ticked), bad-window (a time). */
export function windowProblems(drafts: readonly WindowDraft[]): Record<number, 'bad-days' | 'bad-window'> {
  const p: Record<number, 'bad-days' | 'bad-window'> = {}
  drafts.forEach((d, i) => {
    if (encodeDays(d.days) === null) p[i] = 'bad-days'
    else if (!TIME.test(d.from) || !TIME.test(d.to)) p[i] = 'bad-window'
  })
  return p
}

/** The windows of the API from the editor's (call windowProblems first: a window without days gets ''). */
export function windowsOf(drafts: readonly WindowDraft[]): TimeWindow[] {
  return drafts.map(d => ({ days: encodeDays(d.days) ?? '', from: d.from, to: d.to }))
}

/** A window's parts for words: its days choice, its kind, its times. */
export function windowParts(w: TimeWindow): { days: DaysChoice; kind: WindowKind; from: string; to: string } {
  return { days: decodeDays(w.days), kind: windowKind(w.from, w.to), from: hhmm(w.from), to: hhmm(w.to) }
}

addMessages({
  'zh-CN': { windows: {
    dayMode: { all: '每天', school: '上课日', holiday: '非上课日（周末、节假日）', weekdays: '指定星期' },
    days: '日期', from: '从', to: '到', add: '添加时段', remove: '删除', none: '没有时段。',
    kind: { day: '全天', overnight: '跨夜（到次日）', 'same-day': '当天' }, overnight: '（跨夜）', allDay: '全天',
    problem: { 'bad-days': '请至少勾选一天。', 'bad-window': '时间格式为 时:分。' },
  } },
  en: { windows: {
    dayMode: { all: 'Every day', school: 'School days', holiday: 'Days without school (weekends, holidays)', weekdays: 'Days of the week' },
    days: 'Days', from: 'From', to: 'To', add: 'Add a window', remove: 'Remove', none: 'No window.',
    kind: { day: 'All day', overnight: 'Overnight (into the next day)', 'same-day': 'Same day' }, overnight: ' (overnight)', allDay: 'all day',
    problem: { 'bad-days': 'Tick at least one day.', 'bad-window': 'Times are hours:minutes.' },
  } },
})

/** A window in words of the current language: "上课日 18:30–06:30（跨夜）", "Every day all day". */
export function windowText(w: TimeWindow): string {
  const g = i18n.global
  const p = windowParts(w)
  const days = p.days.mode === 'weekdays'
    ? p.days.weekdays.map(d => weekdayName(dayOfWeek(d), g.locale.value, 'short')).join(' ')
    : g.t('windows.dayMode.' + p.days.mode)
  const hours = p.kind === 'day' ? g.t('windows.allDay')
    : `${p.from}–${p.to}${p.kind === 'overnight' ? g.t('windows.overnight') : ''}`
  return `${days} ${hours}`
}
