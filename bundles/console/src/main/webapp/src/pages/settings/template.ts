// Checks a message template before it is saved, with the rules the server applies at save time: {{variable}}
// placeholders well formed, only the kind's variables, every required variable used (in the subject or the body).

export interface Variable { name: string; required: boolean; description?: string }
export interface MessageKind { kind: string; description?: string; variables: Variable[] }
export interface Template {
  kind: string; language: string; subject: string; body: string; custom: boolean
  updated?: string | null; updatedBy?: string | null
}

export type TemplateProblem =
  | { code: 'required' | 'tooLong'; field: 'subject' | 'body' }
  | { code: 'syntax'; field: 'subject' | 'body'; line: number }
  | { code: 'unknown' | 'missing'; name: string }

export const MAX = { subject: 500, body: 4000 } as const
const NAME = /^[A-Za-z][A-Za-z0-9_.]*$/

function lineAt(text: string, at: number): number {
  return text.slice(0, at).split('\n').length
}

/** The variables a text uses, in order of first use; null and the line when a placeholder is malformed. */
export function placeholders(text: string): { names: string[]; badLine: number | null } {
  const names: string[] = []
  let i = 0
  while (i < text.length) {
    const open = text.indexOf('{{', i)
    const stray = text.indexOf('}}', i)
    if (stray >= 0 && (open < 0 || stray < open)) return { names, badLine: lineAt(text, stray) }
    if (open < 0) break
    const close = text.indexOf('}}', open + 2)
    const nested = text.indexOf('{{', open + 2)
    if (close < 0 || (nested >= 0 && nested < close)) return { names, badLine: lineAt(text, open) }
    const name = text.slice(open + 2, close).trim()
    if (!NAME.test(name)) return { names, badLine: lineAt(text, open) }
    if (!names.includes(name)) names.push(name)
    i = close + 2
  }
  return { names, badLine: null }
}

/** Everything wrong with a template of a kind (empty when the server will accept it). */
export function checkTemplate(kind: MessageKind, subject: string, body: string): TemplateProblem[] {
  const out: TemplateProblem[] = []
  const used = new Set<string>()
  for (const [field, text] of [['subject', subject], ['body', body]] as const) {
    if (text.trim() === '') { out.push({ code: 'required', field }); continue }
    if (text.length > MAX[field]) out.push({ code: 'tooLong', field })
    const p = placeholders(text)
    if (p.badLine !== null) out.push({ code: 'syntax', field, line: p.badLine })
    p.names.forEach(n => used.add(n))
  }
  if (out.some(p => p.code === 'syntax' || p.code === 'required')) return out
  const declared = new Set(kind.variables.map(v => v.name))
  for (const n of used) if (!declared.has(n)) out.push({ code: 'unknown', name: n })
  for (const v of kind.variables) if (v.required && !used.has(v.name)) out.push({ code: 'missing', name: v.name })
  return out
}

/** Inserts `{{name}}` into a text at a cursor position; returns the new text and the cursor after the placeholder. */
export function insertVariable(text: string, at: number, name: string): { text: string; cursor: number } {
  const pos = Math.max(0, Math.min(at, text.length))
  const ph = `{{${name}}}`
  return { text: text.slice(0, pos) + ph + text.slice(pos), cursor: pos + ph.length }
}
