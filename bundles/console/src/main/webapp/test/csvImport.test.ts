import { describe, it, expect } from 'vitest'
import { ApiError } from '../src/api'
import { CSV_CODES, CSV_COLUMNS, CSV_EXAMPLE, badRows, codeText, outcomeOf } from '../src/util/csvImport'

describe('CSV import answers', () => {
  it('reads a summary', () => {
    const body = { dryRun: true, written: false, rows: 4, persons: 4, created: 2, updated: 2, bindings: 3, problems: [] }
    expect(outcomeOf(200, body)).toEqual({ kind: 'summary', summary: body })
  })
  it('reads the row problems of a rejected file', () => {
    const problems = [{ row: 3, column: 'phone', code: 'bad-phone', message: 'x' },
      { row: 3, column: 'email', code: 'bad-email', message: 'y' }, { row: 5, column: null, code: 'extra-fields', message: 'z' }]
    const o = outcomeOf(400, { error: 'invalid-rows', message: '2 of 4 rows are invalid', status: 400, rows: 4, problems })
    expect(o).toEqual({ kind: 'rejected', rows: 4, problems, message: '2 of 4 rows are invalid' })
    expect(badRows(problems)).toBe(2)
  })
  it('throws other refusals as errors with their code', () => {
    expect(() => outcomeOf(400, { error: 'csv-header', message: 'unknown column' })).toThrowError(ApiError)
    try { outcomeOf(403, {}) } catch (e) { expect((e as ApiError).status).toBe(403) }
  })
})

describe('CSV words', () => {
  it('has words in both languages for every code the README lists', () => {
    const readme = ['missing-id', 'bad-id', 'missing-name', 'missing-role', 'bad-role', 'bad-phone', 'bad-email',
      'bad-language', 'bad-group', 'bad-channel', 'bad-consent', 'unknown-student', 'not-a-student', 'not-a-guardian',
      'duplicate-id', 'duplicate-binding', 'extra-fields', 'csv-encoding', 'csv-header', 'csv-empty', 'csv-quote', 'csv-too-large']
    for (const c of readme) {
      expect(CSV_CODES[c]?.['zh-CN'], c).toBeTruthy()
      expect(CSV_CODES[c]?.en, c).toBeTruthy()
    }
    expect(codeText('bad-phone', 'zh-CN')).toContain('手机号')
    expect(codeText('new-code', 'en')).toBe('new-code')
  })
  it('shows an example whose rows have as many fields as the header', () => {
    const [head, ...rows] = CSV_EXAMPLE.split('\n')
    expect(head.split(',')).toEqual([...CSV_COLUMNS])
    for (const r of rows) expect(r.replace(/"[^"]*"/g, 'q').split(',').length).toBe(CSV_COLUMNS.length)
  })
})
