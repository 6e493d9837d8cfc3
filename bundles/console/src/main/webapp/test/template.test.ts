import { describe, it, expect } from 'vitest'
import { placeholders, checkTemplate, insertVariable, type MessageKind } from '../src/pages/settings/template'

const alarm: MessageKind = { kind: 'alarm', variables: [
  { name: 'alarmId', required: true }, { name: 'type', required: true }, { name: 'device', required: false }] }

describe('placeholders', () => {
  it('lists the variables once, in order, spaces allowed inside the braces', () => {
    expect(placeholders('#{{alarmId}} {{ type }} {{alarmId}}')).toEqual({ names: ['alarmId', 'type'], badLine: null })
  })
  it('finds malformed placeholders and their line', () => {
    expect(placeholders('a\nb }} c').badLine).toBe(2)
    expect(placeholders('{{alarmId').badLine).toBe(1)
    expect(placeholders('x\n\n{{a {{b}}').badLine).toBe(3)
    expect(placeholders('{{1abc}}').badLine).toBe(1)
  })
})

describe('checkTemplate', () => {
  it('accepts a template with the required variables in subject or body', () => {
    expect(checkTemplate(alarm, 'Alarm {{alarmId}}', '{{type}} at {{device}}')).toEqual([])
  })
  it('names the unknown and the missing variables', () => {
    expect(checkTemplate(alarm, 'Alarm {{alarmId}}', '{{zone}}')).toEqual([{ code: 'unknown', name: 'zone' },
      { code: 'missing', name: 'type' }])
  })
  it('wants subject and body and reports syntax before variables', () => {
    expect(checkTemplate(alarm, ' ', '{{type')).toEqual([{ code: 'required', field: 'subject' },
      { code: 'syntax', field: 'body', line: 1 }])
    expect(checkTemplate(alarm, 'x'.repeat(501) + '{{alarmId}}', '{{type}}')).toEqual([{ code: 'tooLong', field: 'subject' }])
  })
})

describe('insertVariable', () => {
  it('puts the placeholder at the cursor', () => {
    expect(insertVariable('ab', 1, 'type')).toEqual({ text: 'a{{type}}b', cursor: 9 })
    expect(insertVariable('ab', 99, 'x')).toEqual({ text: 'ab{{x}}', cursor: 7 })
  })
})
