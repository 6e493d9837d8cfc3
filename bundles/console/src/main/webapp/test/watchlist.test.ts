import { describe, it, expect } from 'vitest'
import { binsWithThreshold, draftOf, draftProblems, falseHitText, histogramOption, histogramSeries, importError,
  importPercent, isExpired, percent, requestOf, thresholdIndex, type StatsBin } from '../src/pages/watchlist/watchlist'

const bin = (from: number, confirmed: number, falseHits: number, unreviewed: number): StatsBin =>
  ({ from, confirmed, falseHits, unreviewed })

describe('watchlist false-hit rate', () => {
  it('says the rate of the stats with the counts, a dash before any verdict, and the counts without stats', () => {
    expect(falseHitText({ hits: 8, falseHits: 1 }, { entryId: 'wl-1', name: 'A', hits: 8, falseHits: 1, falseHitRate: 0.25 }))
      .toBe('25% (1/8)')
    expect(falseHitText({ hits: 3, falseHits: 0 }, { entryId: 'wl-1', name: 'A', hits: 3, falseHits: 0, falseHitRate: null }))
      .toBe('— (0/3)')
    expect(falseHitText({ hits: 3, falseHits: 2 }, null)).toBe('— (2/3)')
    expect(falseHitText({ hits: 3, falseHits: 2 })).toBe('2/3')
    expect(falseHitText({ hits: 0, falseHits: 0 }, null)).toBe('—')
  })
  it('rounds a rate to a whole percentage', () => {
    expect(percent(1 / 3)).toBe('33%')
    expect(percent(1)).toBe('100%')
    expect(percent(null)).toBeNull()
    expect(percent(Number.NaN)).toBeNull()
  })
})

describe('watchlist score histogram', () => {
  const bins = [bin(0.6, 1, 0, 0), bin(0.56, 0, 2, 1), bin(0.58, 3, 1, 0)]
  it('orders the bins and stacks confirmed, false and unreviewed', () => {
    expect(histogramSeries(bins)).toEqual({ labels: ['0.56', '0.58', '0.60'], confirmed: [0, 3, 1], falseHits: [2, 1, 0],
      unreviewed: [1, 0, 0] })
  })
  it('finds the bin that holds the threshold', () => {
    expect(thresholdIndex(bins, 0.56)).toBe(0)
    expect(thresholdIndex(bins, 0.59)).toBe(1)
    expect(thresholdIndex(bins, 0.5)).toBe(-1)
    expect(thresholdIndex(bins, 0.7)).toBe(3)
  })
  it('adds empty bins down to a threshold below the lowest hit', () => {
    const padded = binsWithThreshold([bin(0.56, 1, 0, 0)], 0.5)
    expect(padded.map(b => b.from)).toEqual([0.5, 0.52, 0.54, 0.56])
    expect(padded[0]).toEqual(bin(0.5, 0, 0, 0))
    expect(binsWithThreshold(bins, 0.57).map(b => b.from)).toEqual([0.56, 0.58, 0.6])
    // a gap between bins is filled; a threshold above every hit still gets its bin
    expect(binsWithThreshold([bin(0.56, 1, 0, 0), bin(0.62, 0, 1, 0)], 0.56).map(b => b.from)).toEqual([0.56, 0.58, 0.6, 0.62])
    expect(binsWithThreshold([bin(0.56, 1, 0, 0)], 0.6).map(b => b.from)).toEqual([0.56, 0.58, 0.6])
    expect(binsWithThreshold([], Number.NaN)).toEqual([])
  })
  it('builds stacked bars with the threshold line on its bin', () => {
    const o = histogramOption({ bins, threshold: 0.58 }, { confirmed: 'C', falseHits: 'F', unreviewed: 'U', threshold: 'T' }) as any
    expect(o.xAxis.data).toEqual(['0.56', '0.58', '0.60'])
    expect(o.series.map((s: any) => [s.name, s.stack, s.type])).toEqual([['C', 'hits', 'bar'], ['F', 'hits', 'bar'], ['U', 'hits', 'bar']])
    expect(o.series[1].data).toEqual([2, 1, 0])
    expect(o.series[0].markLine.data).toEqual([{ xAxis: '0.58' }])
    expect(o.series[0].markLine.label.formatter).toBe('T 0.58')
    const none = histogramOption({ bins: [], threshold: 0.55 }, { confirmed: 'C', falseHits: 'F', unreviewed: 'U', threshold: 'T' }) as any
    expect(none.xAxis.data).toEqual(['0.54'])
    expect(none.series[0].markLine.data).toEqual([{ xAxis: '0.54' }])
  })
})

describe('watchlist entries', () => {
  const now = new Date('2026-12-02T10:00:00Z')
  it('greys an entry whose expiry has passed', () => {
    expect(isExpired({ expires: '2026-12-01T00:00:00Z' }, now)).toBe(true)
    expect(isExpired({ expires: '2027-01-01T00:00:00Z' }, now)).toBe(false)
    expect(isExpired({ expires: null }, now)).toBe(false)
  })
  it('checks the form before sending', () => {
    const d = { ...draftOf(null), name: ' 张三 ', reason: '协查通报' }
    expect(draftProblems(d, now)).toEqual({})
    expect(draftProblems({ ...d, name: ' ', reason: 'x'.repeat(501), risk: 'extreme' }, now))
      .toEqual({ name: 'missing', reason: 'too-long', risk: 'bad-risk' })
    expect(draftProblems({ ...d, expires: '2026-12-01T08:00' }, now)).toEqual({ expires: 'past' })
    expect(draftProblems({ ...d, expires: 'tomorrow' }, now)).toEqual({ expires: 'bad-expiry' })
    expect(requestOf({ ...d, source: '  ' })).toEqual({ name: '张三', reason: '协查通报', risk: 'high', source: null, expires: null })
    const at = requestOf({ ...d, expires: '2027-01-01T08:00' }).expires!
    expect(new Date(at).getTime()).toBe(new Date('2027-01-01T08:00').getTime())
  })
})

describe('watchlist import', () => {
  it('shows progress and splits the refused rows', () => {
    expect(importPercent({ state: 'running', total: 8, done: 2 })).toBe(25)
    expect(importPercent({ state: 'running', total: 0, done: 0 })).toBe(0)
    expect(importPercent({ state: 'failed', total: 0, done: 0 })).toBe(100)
    expect(importError('3: bad-risk risk must be low, medium or high'))
      .toEqual({ row: '3', code: 'bad-risk', message: 'risk must be low, medium or high' })
    expect(importError('the zip holds no .csv')).toEqual({ row: '', code: '', message: 'the zip holds no .csv' })
  })
})
