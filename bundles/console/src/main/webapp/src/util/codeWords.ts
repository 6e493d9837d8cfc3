import { i18n } from '../i18n'
import { errorText, toApiError } from '../load'
import { faceReasonText } from './faceReasons'
import { wordOf, type Words } from './words'

/** The text at a message key when zh-CN or en defines it, otherwise the fallback. */
export function wordsOr(key: string, fallback: string): string {
  const g = i18n.global
  return g.te(key) || g.te(key, 'en') ? g.t(key) : fallback
}

/** A message key for a code that may hold dots (vue-i18n reads dots as a path): gate.passage -> gate_passage. */
export function codeKey(prefix: string, code: string): string {
  return `${prefix}.${code.replace(/\./g, '_')}`
}

/**
 * A code (a state, a channel, a reason) in words: the text at `<prefix>.<code>` when the messages have one,
 * otherwise the code itself (a new code the console does not know yet is still shown).
 */
export function codeWords(prefix: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—'
  return wordsOr(`${prefix}.${code}`, code)
}

/**
 * A refusal of the server in words: the words for its reason code at `<prefix>.<code>` with the server's message
 * (which names the field or value), or errorText's words for its status when the code is not known here.
 */
export function refusalText(e: unknown, prefix: string): string {
  const err = toApiError(e)
  const words = wordsOr(`${prefix}.${err.code}`, '')
  return words ? `${words} (${err.message})` : errorText(err)
}

/**
 * A refusal of the server in words from the shared codes (`apiCode.<code>` in src/locales: no-leave-pass, not-pending,
 * bad-window, bad-range, bad-term, bad-rule, not-built ...), or errorText's words for its status.
 */
export function apiRefusal(e: unknown): string {
  return refusalText(e, 'apiCode')
}

/**
 * The refusals of the visits API (POST /visits, the invitation link, approve/reject/cancel/leave) in words; the face
 * codes of a photo come from util/faceReasons.
 */
export const VISIT_CODES: Record<string, Words> = {
  'bad-window': { 'zh-CN': '来访时间不对：结束必须晚于开始，不能在过去，也不能太长。',
    en: 'The visit times are wrong: the end must come after the start, not lie in the past, and not be too long.' },
  'duplicate-visit': { 'zh-CN': '这位访客（同一手机号或证件号）在这段时间已有登记。',
    en: 'This visitor (the same phone or ID number) is already registered for an overlapping time.' },
  'unknown-host': { 'zh-CN': '被访人不存在，或不是教职工。', en: 'The host does not exist or is not a staff member.' },
  'bad-id-number': { 'zh-CN': '证件号不对：身份证为 18 位（最后一位可以是 X），请核对每一位；其他证件为 6–32 位字母或数字。',
    en: 'The ID number is wrong: an identity card has 18 characters (the last may be X; check each one), another document 6–32 letters or digits.' },
  'bad-phone': { 'zh-CN': '手机号不对：只能包含数字、空格和 + - ( )，5–20 位数字。',
    en: 'The phone number is wrong: digits, spaces and + - ( ) only, 5 to 20 digits.' },
  'missing-name': { 'zh-CN': '请填写访客姓名。', en: 'Enter the visitor\'s name.' },
  'invitation-expired': { 'zh-CN': '这个邀请链接已过期，请联系被访人重新发送。',
    en: 'This invitation link has expired; ask your host for a new one.' },
  'invitation-used': { 'zh-CN': '这个邀请链接已经使用过了，不能再次提交。',
    en: 'This invitation link has already been used; it cannot be submitted again.' },
  'unknown-invitation': { 'zh-CN': '找不到这个邀请链接，请检查链接是否完整，或联系被访人。',
    en: 'This invitation link is not known; check that the link is complete, or ask your host.' },
  'bad-state': { 'zh-CN': '这次来访的状态已经变了，不能再这样处理（请刷新后再看）。',
    en: 'This visit is no longer in a state that allows this (refresh to see its state).' },
  'unknown-visit': { 'zh-CN': '没有这次来访（可能已被删除）。', en: 'There is no such visit (it may have been deleted).' },
  'not-your-visit': { 'zh-CN': '只有被访人或门卫可以处理这次来访。', en: 'Only the host or the guard room may do this.' },
}

/**
 * A refusal of the visits API in words: the visit codes, then the face codes of a photo (with the server's message),
 * then the shared codes (apiRefusal).
 */
export function visitRefusal(e: unknown): string {
  const err = toApiError(e)
  const locale = i18n.global.locale.value
  const words = wordOf(VISIT_CODES, err.code, locale) ?? faceReasonText(err.code, locale)
  if (!words) return apiRefusal(err)
  return err.message && err.message !== err.code ? `${words} (${err.message})` : words
}
