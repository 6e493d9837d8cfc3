// The watchlist (黑名单) as the console shows it: entries and their form, hits and verdicts, the figures to tune the
// threshold (false-hit rates, the score histogram by verdict) and the progress of a bulk import.
import { instantOf, localInput } from '../../util/leave'

/** An entry of GET /watchlist (api WatchlistEntry). */
export interface WatchlistEntry { id: string; name: string; reason: string; risk: string; source?: string | null;
  expires?: string | null; faces: number; createdBy?: string; createdAt?: string; hits: number; falseHits: number }

/** A hit of GET /watchlist/hits (api WatchlistHit). */
export interface WatchlistHit { id: number; entryId: string; name: string; templateId: number; score: number;
  deviceId: string; zoneId?: string | null; passageId?: number | null; at: string; alarmId?: number | null;
  verdict?: string | null; note?: string | null; verdictBy?: string | null; verdictAt?: string | null }

export interface StatsBin { from: number; confirmed: number; falseHits: number; unreviewed: number }
export interface EntryRate { entryId: string; name: string; hits: number; falseHits: number; falseHitRate: number | null }
/** GET /watchlist/stats (api WatchlistStats). */
export interface WatchlistStats { threshold: number; hits: number; confirmed: number; falseHits: number;
  unreviewed: number; bins: StatsBin[]; perEntry: EntryRate[] }

/** A bulk import job (api WatchlistImport). */
export interface WatchlistImport { id: string; state: string; total: number; done: number; created: number;
  errors: string[]; started: string; finished?: string | null }

export const RISKS = ['low', 'medium', 'high'] as const
export const VERDICTS = ['confirmed', 'false'] as const

/** The badge class of a risk. */
export function riskClass(risk: string): string {
  return risk === 'high' ? 'bad' : risk === 'medium' ? 'warn' : ''
}

/** Whether the entry no longer matches (its expiry has passed). */
export function isExpired(e: Pick<WatchlistEntry, 'expires'>, now = new Date()): boolean {
  if (!e.expires) return false
  const t = new Date(e.expires).getTime()
  return !Number.isNaN(t) && t <= now.getTime()
}

/** A rate 0..1 as a whole percentage ("12%"), or null. */
export function percent(rate: number | null | undefined): string | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null
  return `${Math.round(rate * 100)}%`
}

/**
 * An entry's false-hit rate as text: the rate of the stats (false / (confirmed + false)) with the false hits and hits,
 * "—" before any verdict, and without stats the counts only ("1/8").
 */
export function falseHitText(e: Pick<WatchlistEntry, 'hits' | 'falseHits'>, rate?: EntryRate | null): string {
  if (e.hits === 0) return '—'
  const counts = `${e.falseHits}/${e.hits}`
  if (rate === undefined) return counts
  const p = percent(rate?.falseHitRate)
  return p === null ? `— (${counts})` : `${p} (${counts})`
}

/** The form of an entry as typed: expires as a datetime-local value or ''. */
export interface EntryDraft { name: string; reason: string; risk: string; source: string; expires: string }

export function draftOf(e: WatchlistEntry | null): EntryDraft {
  if (!e) return { name: '', reason: '', risk: 'high', source: '', expires: '' }
  return { name: e.name, reason: e.reason, risk: e.risk, source: e.source ?? '',
    expires: e.expires ? localInput(new Date(e.expires)) : '' }
}

/** The problems of a draft by field (codes: missing, too-long, bad-risk, bad-expiry, past), none when it can be sent. */
export function draftProblems(d: EntryDraft, now = new Date()): Record<string, string> {
  const p: Record<string, string> = {}
  const name = d.name.trim()
  const reason = d.reason.trim()
  if (!name) p.name = 'missing'
  else if (name.length > 100) p.name = 'too-long'
  if (!reason) p.reason = 'missing'
  else if (reason.length > 500) p.reason = 'too-long'
  if (!(RISKS as readonly string[]).includes(d.risk)) p.risk = 'bad-risk'
  if (d.source.trim().length > 100) p.source = 'too-long'
  if (d.expires) {
    const at = instantOf(d.expires)
    if (!at) p.expires = 'bad-expiry'
    else if (new Date(at).getTime() <= now.getTime()) p.expires = 'past'
  }
  return p
}

/** The JSON of POST /watchlist and PUT /watchlist/{id}. */
export function requestOf(d: EntryDraft) {
  return { name: d.name.trim(), reason: d.reason.trim(), risk: d.risk, source: d.source.trim() || null,
    expires: d.expires ? instantOf(d.expires) : null }
}

/** An import's progress 0..100. */
export function importPercent(job: Pick<WatchlistImport, 'total' | 'done' | 'state'>): number {
  if (job.state !== 'running' && job.total === 0) return 100
  if (job.total <= 0) return 0
  return Math.min(100, Math.round(job.done * 100 / job.total))
}

/** Whether the job is still running (the page polls it once a second until it is not). */
export function importRunning(job: Pick<WatchlistImport, 'state'> | null): boolean {
  return !!job && job.state === 'running'
}

/** A refused row "<row>: <code> <message>" split for the table; a line in another shape stays whole as the message. */
export function importError(line: string): { row: string; code: string; message: string } {
  const m = /^\s*(\d+)\s*:\s*([a-z0-9][a-z0-9-]*)\s*(.*)$/.exec(line)
  return m ? { row: m[1], code: m[2], message: m[3] } : { row: '', code: '', message: line }
}

/** A bin's label: its lower bound with two decimals. */
export function binLabel(from: number): string {
  return (Math.round(from * 100) / 100).toFixed(2)
}

/** The histogram's categories and stacked series (confirmed, false, unreviewed) in bin order. */
export function histogramSeries(bins: StatsBin[]) {
  const sorted = [...bins].sort((a, b) => a.from - b.from)
  return {
    labels: sorted.map(b => binLabel(b.from)),
    confirmed: sorted.map(b => b.confirmed),
    falseHits: sorted.map(b => b.falseHits),
    unreviewed: sorted.map(b => b.unreviewed),
  }
}

/**
 * Where the threshold falls on the histogram's category axis: the index of the bin holding it (a bin is
 * [from, from + 0.02)), or -1/length when it lies below/above every bin.
 */
export function thresholdIndex(bins: StatsBin[], threshold: number): number {
  const sorted = [...bins].sort((a, b) => a.from - b.from)
  if (sorted.length === 0 || threshold < sorted[0].from - 1e-6) return -1
  const i = sorted.findIndex(b => threshold >= b.from - 1e-6 && threshold < b.from + 0.02 - 1e-6)
  return i >= 0 ? i : sorted.length
}

/**
 * The bins on an even 0.02 axis: empty ones fill any gap and reach down to the threshold's bin, so that the threshold
 * is on the axis and the bars keep their distance.
 */
export function binsWithThreshold(bins: StatsBin[], threshold: number): StatsBin[] {
  const step = (from: number) => Math.floor(from / 0.02 + 1e-6)
  const byStep = new Map(bins.map(b => [step(b.from), b]))
  const steps = [...byStep.keys()]
  if (Number.isFinite(threshold) && threshold >= 0 && threshold <= 1) steps.push(step(threshold))
  if (steps.length === 0) return []
  const out: StatsBin[] = []
  for (let k = Math.min(...steps); k <= Math.max(...steps); k++) {
    out.push(byStep.get(k) ?? { from: Math.round(k * 2) / 100, confirmed: 0, falseHits: 0, unreviewed: 0 })
  }
  return out
}

/** The ECharts option of the histogram: stacked bars by verdict and the threshold as a vertical line. */
export function histogramOption(stats: Pick<WatchlistStats, 'bins' | 'threshold'>,
                                names: { confirmed: string; falseHits: string; unreviewed: string; threshold: string }) {
  const bins = binsWithThreshold(stats.bins, stats.threshold)
  const s = histogramSeries(bins)
  const at = thresholdIndex(bins, stats.threshold)
  const line = at >= 0 && at < s.labels.length ? {
    symbol: 'none', silent: true, lineStyle: { color: '#1d2733', type: 'dashed' },
    label: { formatter: `${names.threshold} ${stats.threshold.toFixed(2)}` },
    data: [{ xAxis: s.labels[at] }],
  } : undefined
  const bar = (name: string, data: number[], color: string) => ({ name, type: 'bar', stack: 'hits', data,
    itemStyle: { color }, barCategoryGap: '10%' })
  const series: Record<string, unknown>[] = [
    bar(names.confirmed, s.confirmed, '#c62828'),
    bar(names.falseHits, s.falseHits, '#9e9e9e'),
    bar(names.unreviewed, s.unreviewed, '#f0b429'),
  ]
  if (line) series[0] = { ...series[0], markLine: line }
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: s.labels },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  }
}
