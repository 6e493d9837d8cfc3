// A plugin instance form generated from its factory's metatype (GET /plugins/factories): one field per attribute,
// the values the form starts with, the checks before sending, the properties sent, and the server's field problems.
// Plain TypeScript, so it is tested without a browser (test/metatype.test.ts).

export interface AttrOption { label: string; value: string }

/** One attribute of a factory's metatype, as GET /plugins/factories returns it. */
export interface AttributeDef {
  id: string
  name?: string | null
  description?: string | null
  /** string, integer, long, short, byte, double, float, boolean, password, char */
  type: string
  required?: boolean
  /** 0: one value; anything else: a list */
  cardinality?: number
  defaults?: string[] | null
  options?: AttrOption[] | null
  secret?: boolean
}

export interface Factory {
  factoryPid: string
  name?: string | null
  description?: string | null
  attributes: AttributeDef[]
}

export interface Instance {
  pid: string
  factoryPid: string
  alias?: string | null
  properties: Record<string, unknown>
  status?: string
  message?: string | null
}

/** What the server sends instead of a stored secret, and what keeps it when sent back. */
export const MASK = '********'

export type FieldKind = 'text' | 'integer' | 'decimal' | 'checkbox' | 'password' | 'select' | 'char' | 'list'

/** One input of the generated form. */
export interface Field {
  id: string
  label: string
  help: string
  kind: FieldKind
  /** the type of each value (a list's items are checked and converted as this) */
  valueKind: Exclude<FieldKind, 'list' | 'password'> | 'password'
  required: boolean
  secret: boolean
  options: AttrOption[]
  /** for whole numbers: the smallest and largest value the type holds */
  range?: [bigint, bigint]
}

export type Values = Record<string, string | boolean>

const INTEGER_TYPES = ['integer', 'long', 'short', 'byte']
const RANGES: Record<string, [bigint, bigint]> = {
  byte: [-128n, 127n], short: [-32768n, 32767n], integer: [-2147483648n, 2147483647n],
  long: [-9223372036854775808n, 9223372036854775807n],
}
const DECIMAL_TYPES = ['double', 'float']

function valueKindOf(a: AttributeDef): Field['valueKind'] {
  const type = (a.type ?? 'string').toLowerCase()
  if (a.secret || type === 'password') return 'password'
  if (a.options && a.options.length > 0) return 'select'
  if (type === 'boolean') return 'checkbox'
  if (INTEGER_TYPES.includes(type)) return 'integer'
  if (DECIMAL_TYPES.includes(type)) return 'decimal'
  if (type === 'char' || type === 'character') return 'char'
  return 'text'
}

function isList(a: AttributeDef): boolean {
  return (a.cardinality ?? 0) !== 0
}

/** The fields of a factory's form, in the metatype's order. */
export function fieldsOf(factory: Factory): Field[] {
  return factory.attributes.map(a => {
    const valueKind = valueKindOf(a)
    const secret = valueKind === 'password'
    return {
      id: a.id,
      label: a.name || a.id,
      help: a.description ?? '',
      kind: isList(a) && !secret ? 'list' : valueKind,
      valueKind,
      required: !!a.required,
      secret,
      options: a.options ?? [],
      range: valueKind === 'integer' ? RANGES[(a.type ?? '').toLowerCase()] : undefined,
    }
  })
}

function text(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map(text).join('\n')
  return String(v)
}

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0 && truthy(v[0])
  return v === true || String(v).toLowerCase() === 'true'
}

/**
 * The values the form starts with: for a new instance the metatype's defaults; for an existing one its stored
 * properties (secrets arrive masked and stay so unless the user types a new one).
 */
export function initialValues(factory: Factory, existing?: Record<string, unknown> | null): Values {
  const values: Values = {}
  for (const [i, f] of fieldsOf(factory).entries()) {
    const a = factory.attributes[i]
    const source: unknown = existing ? existing[f.id] : (a.defaults ?? undefined)
    if (f.kind === 'checkbox') values[f.id] = truthy(source)
    else values[f.id] = text(source)
  }
  return values
}

/** The items of a list field: separated by commas or line breaks, blanks dropped. */
export function splitList(s: string): string[] {
  return s.split(/[,\n\r]+/).map(x => x.trim()).filter(x => x !== '')
}

export type Problem = 'required' | 'integer' | 'range' | 'decimal' | 'char' | 'option'

function problemOf(f: Field, item: string): Problem | null {
  switch (f.valueKind) {
    case 'integer': {
      if (!/^[+-]?\d+$/.test(item.trim())) return 'integer'
      const n = BigInt(item.trim())
      return f.range && (n < f.range[0] || n > f.range[1]) ? 'range' : null
    }
    case 'decimal': return item.trim() !== '' && Number.isFinite(Number(item)) ? null : 'decimal'
    case 'char': return [...item].length === 1 ? null : 'char'
    case 'select': return f.options.some(o => o.value === item) ? null : 'option'
    default: return null
  }
}

/** Checks the values before they are sent; field id -> problem (empty when the form is fine). */
export function validate(fields: Field[], values: Values): Record<string, Problem> {
  const problems: Record<string, Problem> = {}
  for (const f of fields) {
    if (f.kind === 'checkbox') continue
    const raw = String(values[f.id] ?? '')
    const items = f.kind === 'list' ? splitList(raw) : raw.trim() === '' ? [] : [f.secret ? raw : raw.trim()]
    if (items.length === 0) {
      if (f.required) problems[f.id] = 'required'
      continue
    }
    for (const item of items) {
      const p = problemOf(f, item)
      if (p) { problems[f.id] = p; break }
    }
  }
  return problems
}

function convert(f: Field, item: string): unknown {
  if (f.valueKind === 'integer') {
    const n = Number(item)
    return Number.isSafeInteger(n) ? n : item.trim()
  }
  if (f.valueKind === 'decimal') return Number(item)
  if (f.valueKind === 'checkbox') return truthy(item)
  return item
}

/**
 * The properties to send: numbers as numbers, lists as arrays, booleans as booleans, empty values left out; a secret
 * left as the mask is sent as the mask, which tells the server to keep the stored value.
 */
export function toProperties(fields: Field[], values: Values): Record<string, unknown> {
  const props: Record<string, unknown> = {}
  for (const f of fields) {
    const v = values[f.id]
    if (f.kind === 'checkbox') { props[f.id] = v === true; continue }
    const raw = String(v ?? '')
    if (f.kind === 'list') {
      const items = splitList(raw)
      if (items.length > 0) props[f.id] = items.map(x => convert(f, x))
      continue
    }
    if (f.secret) {
      if (raw !== '') props[f.id] = raw
      continue
    }
    if (raw.trim() !== '') props[f.id] = convert(f, raw.trim())
  }
  return props
}

/** How a secret's stored value is shown in a list of an instance's properties. */
export function shownValue(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map(shownValue).join(', ')
  return String(v)
}

/**
 * The alias of a new instance becomes part of a file name (etc/<factoryPid>-<alias>.cfg): lower-case words of
 * letters and digits joined by '-' (school-sms), as the server wants it.
 */
export function aliasProblem(alias: string): 'required' | 'alias' | null {
  if (alias.trim() === '') return 'required'
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(alias.trim()) ? null : 'alias'
}

/** Field problems of a refused configuration: the message and, when the server gave one, its code. */
export interface ServerProblems { fields: Record<string, string>; codes: Record<string, string>; other: string[] }

function entriesOf(list: unknown): [string, string, string | undefined][] {
  if (Array.isArray(list)) {
    return list.flatMap(x => {
      if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>
        const id = o.field ?? o.id ?? o.attribute ?? o.name
        const msg = o.message ?? o.problem ?? o.reason ?? o.error
        const code = typeof o.code === 'string' ? o.code : undefined
        return id !== undefined && msg !== undefined ? [[String(id), String(msg), code] as [string, string, string | undefined]] : []
      }
      return []
    })
  }
  if (list && typeof list === 'object') {
    return Object.entries(list as Record<string, unknown>).map(([k, v]) => [k, shownValue(v), undefined])
  }
  return []
}

/**
 * The field problems of a 400 invalid-config answer, beside the fields they belong to. The body may list them
 * (problems/fields/errors/details as an array of {field, code, message} or an object field -> message); otherwise the
 * message text is split at ';' and line breaks and a part that starts with a field's id ("url: required",
 * "'url' is required") goes to that field. What belongs to no field is returned in `other`.
 */
export function serverProblems(body: unknown, fieldIds: string[]): ServerProblems {
  const out: ServerProblems = { fields: {}, codes: {}, other: [] }
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const listed = entriesOf(b.problems ?? b.fields ?? b.errors ?? b.details)
  const add = (id: string, msg: string) => {
    out.fields[id] = out.fields[id] ? `${out.fields[id]}; ${msg}` : msg
  }
  if (listed.length > 0) {
    for (const [id, msg, code] of listed) {
      if (!fieldIds.includes(id)) { out.other.push(`${id}: ${msg}`); continue }
      add(id, msg)
      if (code && !out.codes[id]) out.codes[id] = code
    }
    return out
  }
  const message = typeof b.message === 'string' ? b.message : typeof body === 'string' ? body : ''
  const byLength = [...fieldIds].sort((x, y) => y.length - x.length)
  for (const part of message.split(/[;\n]+/).map(s => s.trim()).filter(Boolean)) {
    const id = byLength.find(f => {
      const rest = part.replace(/^(invalid-config:\s*)?(field|attribute|property)?\s*/i, '')
      return rest.startsWith(`${f}:`) || rest.startsWith(`${f} `) || rest.startsWith(`'${f}'`)
        || rest.startsWith(`"${f}"`) || rest === f
    })
    if (id) add(id, part)
    else out.other.push(part)
  }
  return out
}
