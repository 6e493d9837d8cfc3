// A stored notice in words: its template kind, its audience and its schedule.
import { i18n } from '../../i18n'
import { fmtTime } from '../../load'
import { weekdayName } from '../../util/weekdays'
import { wordsOr } from '../../util/codeWords'
import { audienceTerms } from './audience'

export interface NoticeText { language: string; title: string; body: string }
export interface NoticeSchedule { repeat: 'ONCE' | 'WEEKLY'; at?: string; day?: string; time?: string; until?: string }
export interface Notice {
  id: string; texts: NoticeText[]; templateKind?: string; variables?: Record<string, string>; audience: string
  schedule?: NoticeSchedule; priority?: string; status: 'SCHEDULED' | 'DONE' | 'CANCELLED'; created?: string
  createdBy?: string; nextAt?: string; sentOccurrences: number
}

const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params)

/** A template kind's name: the console's words for the shipped kinds, else the server's description. */
export function kindName(kind: string, description?: string): string {
  const key = `notices.kinds.${kind.replace(/[.-]/g, '_')}`
  return wordsOr(key, description || kind)
}

/** The title to show: the text in the current language (else the first), or the template kind's name. */
export function noticeTitle(n: Notice): string {
  if (n.templateKind) return kindName(n.templateKind)
  const lang = i18n.global.locale.value
  return (n.texts.find(x => x.language === lang) ?? n.texts[0])?.title ?? n.id
}

export function audienceWords(audience: string): string {
  const parts = audienceTerms(audience).map(term => {
    switch (term.kind) {
      case 'grade': return t('notices.gradeN', { n: term.arg })
      case 'class': return t('notices.classN', { n: term.arg })
      case 'group': return t('notices.groupN', { n: term.arg })
      case 'role': return t('notices.roleOwn', { role: i18n.global.te(`role.${term.arg}`) ? t(`role.${term.arg}`) : term.arg })
      default: return t(`notices.aud.${term.kind}`)
    }
  })
  return parts.length ? parts.join(t('notices.listSeparator')) : audience
}

function hhmm(time?: string): string {
  return (time ?? '').slice(0, 5)
}

export function scheduleWords(s: NoticeSchedule | undefined): string {
  if (!s || s.repeat !== 'WEEKLY') return s?.at ? t('notices.onceAt', { time: fmtTime(s.at) }) : t('notices.sendNow')
  return t('notices.weeklyAt', { day: weekdayName(s.day ?? ''), time: hhmm(s.time), until: s.until ?? '—' })
}

/** A language tag (zh-CN, en) in words. */
export function langName(tag: string): string {
  const key = `notices.lang.${tag.replace(/-/g, '_')}`
  return tag ? wordsOr(key, tag) : tag
}
