// The timeline of an alarm (GET /alarms/{id}/timeline, api AlarmStep) as the console shows it: each step with its
// icon, its kind in words, when (in the browser's, i.e. the site's, time), who, and its line.
import { addMessages } from '../i18n'

/** One step of GET /alarms/{id}/timeline. */
export interface AlarmStep { time: string; kind: string; actor?: string | null; detail?: string | null;
  data?: Record<string, string> | null }

/** The kinds a timeline has, in the order an alarm usually lives them, with their icon (plain symbols that a school
 * PC's fonts have, no emoji) and colour class. */
export const STEP_KINDS: Record<string, { icon: string; cls: string }> = {
  event: { icon: '⚡', cls: '' },
  raised: { icon: '!', cls: 'bad' },
  repeated: { icon: '↻', cls: 'warn' },
  message: { icon: '✉', cls: '' },
  delivered: { icon: '✓', cls: 'ok' },
  failed: { icon: '✗', cls: 'bad' },
  reminded: { icon: '↺', cls: 'warn' },
  escalated: { icon: '↑', cls: 'bad' },
  acknowledged: { icon: '☑', cls: 'ok' },
  resolved: { icon: '✔', cls: 'ok' },
  cleared: { icon: '○', cls: 'ok' },
  feedback: { icon: '✎', cls: '' },
}
const OTHER = { icon: '•', cls: '' }

/** A step as shown: its kind (unknown kinds are shown as they are), icon, class, and the facts worth a line. */
export interface StepView { key: string; kind: string; known: boolean; icon: string; cls: string; time: string;
  actor: string; detail: string; facts: string }

/** The facts of a step's data shown after its detail (the recipient, the channel, the attempt, the error). */
const FACTS = ['recipient', 'channel', 'attempt', 'error']

/** The steps in time order (the server's order for equal times), ready to show. */
export function timelineSteps(steps: readonly AlarmStep[] | null | undefined): StepView[] {
  return [...(steps ?? [])].map((s, i) => ({ s, i }))
    .sort((a, b) => (Date.parse(a.s.time) - Date.parse(b.s.time)) || a.i - b.i)
    .map(({ s, i }) => {
      const k = STEP_KINDS[s.kind]
      const data = s.data ?? {}
      const facts = FACTS.filter(f => data[f] && !(s.detail ?? '').includes(data[f])).map(f => `${f}=${data[f]}`).join(' ')
      return { key: `${i}-${s.kind}-${s.time}`, kind: s.kind, known: !!k, icon: (k ?? OTHER).icon, cls: (k ?? OTHER).cls,
        time: s.time, actor: s.actor ?? '', detail: s.detail ?? '', facts }
    })
}

addMessages({
  'zh-CN': { timeline: { title: '告警经过', none: '还没有记录。', actor: '操作人',
    kind: { event: '事件', raised: '触发告警', repeated: '再次发生', message: '发送通知', delivered: '已送达', failed: '发送失败',
      reminded: '再次提醒', escalated: '升级', acknowledged: '已确认', resolved: '已处理', cleared: '已消除', feedback: '反馈' } } },
  en: { timeline: { title: 'Timeline', none: 'Nothing recorded yet.', actor: 'By',
    kind: { event: 'Event', raised: 'Alarm raised', repeated: 'Happened again', message: 'Message queued', delivered: 'Delivered',
      failed: 'Delivery failed', reminded: 'Reminded', escalated: 'Escalated', acknowledged: 'Acknowledged', resolved: 'Resolved',
      cleared: 'Cleared', feedback: 'Feedback' } } },
})
