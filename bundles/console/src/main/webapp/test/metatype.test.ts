import { describe, it, expect } from 'vitest'
import { fieldsOf, initialValues, validate, toProperties, splitList, serverProblems, aliasProblem, MASK,
  type Factory } from '../src/pages/plugins/metatype'

const sms: Factory = {
  factoryPid: 'org.gatehouse.notify.sms', name: 'SMS channel', description: 'Sends text messages',
  attributes: [
    { id: 'url', name: 'Gateway URL', description: 'Where to post', type: 'string', required: true, cardinality: 0,
      defaults: ['https://sms.example/send'] },
    { id: 'port', name: 'Port', type: 'integer', required: false, cardinality: 0, defaults: ['8080'] },
    { id: 'rate', type: 'double', required: false, cardinality: 0 },
    { id: 'enabled', name: 'Enabled', type: 'boolean', required: false, cardinality: 0, defaults: ['true'] },
    { id: 'apiKey', name: 'API key', type: 'string', required: true, cardinality: 0, secret: true },
    { id: 'password', type: 'password', required: false, cardinality: 0 },
    { id: 'mode', type: 'string', required: true, cardinality: 0, defaults: ['fast'],
      options: [{ label: 'Fast', value: 'fast' }, { label: 'Cheap', value: 'cheap' }] },
    { id: 'recipients', type: 'string', required: false, cardinality: -100, defaults: ['a', 'b'] },
    { id: 'ports', type: 'long', required: false, cardinality: 10 },
    { id: 'sep', type: 'char', required: false, cardinality: 0 },
  ],
}

describe('fieldsOf', () => {
  it('gives one input per attribute by type', () => {
    const kinds = Object.fromEntries(fieldsOf(sms).map(f => [f.id, f.kind]))
    expect(kinds).toEqual({ url: 'text', port: 'integer', rate: 'decimal', enabled: 'checkbox', apiKey: 'password',
      password: 'password', mode: 'select', recipients: 'list', ports: 'list', sep: 'char' })
  })
  it('takes the name as label (else the id), the description as help and the required mark', () => {
    const [url, port, rate] = fieldsOf(sms)
    expect(url).toMatchObject({ label: 'Gateway URL', help: 'Where to post', required: true })
    expect(port).toMatchObject({ label: 'Port', help: '', required: false })
    expect(rate.label).toBe('rate')
  })
  it('marks secrets: the flag or the password type', () => {
    expect(fieldsOf(sms).filter(f => f.secret).map(f => f.id)).toEqual(['apiKey', 'password'])
  })
})

describe('initialValues', () => {
  it('prefills the defaults of a new instance', () => {
    const v = initialValues(sms)
    expect(v).toMatchObject({ url: 'https://sms.example/send', port: '8080', rate: '', enabled: true, apiKey: '',
      mode: 'fast', recipients: 'a\nb', ports: '' })
  })
  it('shows the stored properties of an existing instance, secrets masked as sent', () => {
    const v = initialValues(sms, { url: 'https://x', port: 9000, enabled: false, apiKey: MASK, ports: [1, 2] })
    expect(v).toMatchObject({ url: 'https://x', port: '9000', enabled: false, apiKey: MASK, ports: '1\n2', mode: '',
      recipients: '' })
  })
  it('reads boolean strings', () => {
    expect(initialValues(sms, { enabled: 'true' }).enabled).toBe(true)
    expect(initialValues(sms, { enabled: 'false' }).enabled).toBe(false)
  })
})

describe('validate', () => {
  const fields = fieldsOf(sms)
  it('accepts a complete form', () => {
    expect(validate(fields, { ...initialValues(sms), apiKey: 'k' })).toEqual({})
  })
  it('asks for the required fields', () => {
    expect(validate(fields, { ...initialValues(sms), url: '  ', mode: '' })).toEqual({ url: 'required',
      apiKey: 'required', mode: 'required' })
  })
  it('keeps a masked secret as given', () => {
    expect(validate(fields, { ...initialValues(sms), apiKey: MASK })).toEqual({})
  })
  it('checks that whole numbers fit their type', () => {
    const v = { ...initialValues(sms), apiKey: 'k' }
    expect(validate(fields, { ...v, port: '2147483648' })).toEqual({ port: 'range' })
    expect(validate(fields, { ...v, port: '-2147483648', ports: '9223372036854775807' })).toEqual({})
    expect(validate(fields, { ...v, ports: '9223372036854775808' })).toEqual({ ports: 'range' })
  })
  it('checks numbers, options, chars and each item of a list', () => {
    const v = { ...initialValues(sms), apiKey: 'k', port: '80.5', rate: 'x', mode: 'slow', ports: '1, two', sep: 'ab' }
    expect(validate(fields, v)).toEqual({ port: 'integer', rate: 'decimal', mode: 'option', ports: 'integer',
      sep: 'char' })
    expect(validate(fields, { ...v, port: '-80', rate: '0.5', mode: 'cheap', ports: '1\n2', sep: ';' })).toEqual({})
  })
})

describe('toProperties', () => {
  const fields = fieldsOf(sms)
  it('converts numbers, lists and booleans and leaves out empty values', () => {
    const v = { ...initialValues(sms), apiKey: 's3cret', rate: '1.5', ports: '1, 2\n3', recipients: 'x, y' }
    expect(toProperties(fields, v)).toEqual({ url: 'https://sms.example/send', port: 8080, rate: 1.5, enabled: true,
      apiKey: 's3cret', mode: 'fast', recipients: ['x', 'y'], ports: [1, 2, 3] })
  })
  it('sends an unchanged secret as the mask (the server keeps the stored value) and an unticked box as false', () => {
    const v = initialValues(sms, { url: 'u', apiKey: MASK, mode: 'fast', enabled: false })
    expect(toProperties(fields, v)).toEqual({ url: 'u', apiKey: MASK, mode: 'fast', enabled: false })
  })
  it('keeps a long beyond the safe integers as text', () => {
    const p = toProperties(fields, { ...initialValues(sms), port: '9007199254740993' })
    expect(p.port).toBe('9007199254740993')
  })
})

describe('helpers', () => {
  it('splits lists at commas and line breaks', () => {
    expect(splitList(' a, b\n\nc ,\r\nd ')).toEqual(['a', 'b', 'c', 'd'])
  })
  it('checks the alias', () => {
    expect(aliasProblem('')).toBe('required')
    expect(aliasProblem('school-sms')).toBeNull()
    expect(aliasProblem('sms2')).toBeNull()
    expect(aliasProblem('bad alias/x')).toBe('alias')
    expect(aliasProblem('School')).toBe('alias')
    expect(aliasProblem('a--b')).toBe('alias')
    expect(aliasProblem('-a')).toBe('alias')
  })
})

describe('serverProblems', () => {
  const ids = fieldsOf(sms).map(f => f.id)
  it('reads a listed array of field problems with their codes (the REST answer)', () => {
    const body = { error: 'invalid-config', status: 400, message: '2 field(s) invalid: url is required; zzz is not an attribute',
      problems: [{ field: 'url', code: 'required', message: 'is required' },
        { field: 'zzz', code: 'unknown-attribute', message: 'is not an attribute' },
        { field: 'port', code: 'bad-type', message: 'must be an integer' }, { field: 'port', message: 'again' }] }
    expect(serverProblems(body, ids)).toEqual({ fields: { url: 'is required', port: 'must be an integer; again' },
      codes: { url: 'required', port: 'bad-type' }, other: ['zzz: is not an attribute'] })
  })
  it('reads an object of field problems', () => {
    expect(serverProblems({ fields: { port: 'not an integer' } }, ids)).toEqual({ fields: { port: 'not an integer' },
      codes: {}, other: [] })
  })
  it('splits the message text and finds the field each part names, the longest id first', () => {
    const body = { error: 'invalid-config', message: "url: required; 'ports' must be a list of long\npassword: too short; something else" }
    expect(serverProblems(body, ids)).toEqual({ fields: { url: 'url: required', ports: "'ports' must be a list of long",
      password: 'password: too short' }, codes: {}, other: ['something else'] })
  })
})
