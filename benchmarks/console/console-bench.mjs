// Web console benchmark (run by benchmarks/run-console.sh against a started distribution; never by the tests):
//  1. first load over loopback, fresh browser context each time (no cache): bytes on the wire and the time until the
//     app is interactive (the sign-in form is mounted), then sign-in to the dashboard with every panel loaded;
//  2. the delay from an event POSTed to the REST API to its row on the dashboard (over the SSE stream), p50/p99.
// Usage: node console-bench.mjs URL USER PASSWORD [loads=10] [events=100]
import { chromium } from '../../bundles/console/src/main/webapp/node_modules/playwright-core/index.mjs'

const [url, user, password, loadsArg = '10', eventsArg = '100'] = process.argv.slice(2)
if (!password) { console.error('usage: node console-bench.mjs URL USER PASSWORD [loads] [events]'); process.exit(2) }
const app = `${url.replace(/\/$/, '')}/gatehouse/`
const api = `${url.replace(/\/$/, '')}/gatehouse/api`
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS })
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)] }
const median = xs => pct(xs, 50)

async function page(viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport })
  const p = await context.newPage()
  const cdp = await context.newCDPSession(p)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const bytes = { total: 0, requests: 0 }
  cdp.on('Network.loadingFinished', e => { bytes.total += e.encodedDataLength; bytes.requests++ })
  return { p, bytes, context }
}

async function signIn(p) {
  await p.fill('input[name=user]', user)
  await p.fill('input[name=password]', password)
  await p.click('button[type=submit]')
  await p.waitForSelector('[data-test=counts]')
  await p.waitForFunction(() => document.querySelectorAll('.panel').length >= 4
    && !document.querySelector('.panel[data-state=loading]'))
}

// 1. first load
const loads = Number(loadsArg)
const appBytes = [], appMs = [], appReq = [], dashMs = [], dashBytes = []
for (let i = 0; i < loads; i++) {
  const { p, bytes, context } = await page()
  const t0 = Date.now()
  await p.goto(app)
  await p.waitForFunction(() => window.__gatehouseReady === true && !!document.querySelector('input[name=user]'))
  appMs.push(Date.now() - t0)
  appBytes.push(bytes.total); appReq.push(bytes.requests)
  const before = bytes.total
  const t1 = Date.now()
  await signIn(p)
  dashMs.push(Date.now() - t1)
  dashBytes.push(bytes.total - before)
  await context.close()
}
console.log(`first load of the console (${loads} fresh contexts, cache off): ${median(appReq)} requests, `
  + `${(median(appBytes) / 1024).toFixed(1)} KiB on the wire, interactive after median ${median(appMs)} ms `
  + `(min ${Math.min(...appMs)}, max ${Math.max(...appMs)})`)
console.log(`sign-in to a loaded dashboard: median ${median(dashMs)} ms (max ${Math.max(...dashMs)}), `
  + `${(median(dashBytes) / 1024).toFixed(1)} KiB (token, /me, lazy page chunk, panel data, stream)`)

// 2. event -> browser delay over the stream
const events = Number(eventsArg)
const { p, context } = await page()
await p.goto(app)
await p.waitForFunction(() => window.__gatehouseReady === true)
await signIn(p)
await p.waitForFunction(() => document.querySelector('[data-test=live]')?.classList.contains('on'))
await p.evaluate(() => {
  window.__seen = {}
  new MutationObserver(() => {
    for (const td of document.querySelectorAll('[data-test=events] td')) {
      const m = /bench\.t(\d+)/.exec(td.textContent ?? '')
      if (m && !window.__seen[m[1]]) window.__seen[m[1]] = Date.now()
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true })
})
const auth = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64')
const run = Date.now()
const delays = []
for (let i = 0; i < events; i++) {
  const body = JSON.stringify({ id: `bench-${run}-${i}`, deviceId: 'fence-n1', type: `bench.t${i}`, severity: 'INFO' })
  const t0 = Date.now()
  const r = await fetch(`${api}/events`, { method: 'POST', body,
    headers: { Authorization: auth, 'Content-Type': 'application/json' } })
  if (r.status !== 201) throw new Error(`POST /events: ${r.status} ${await r.text()}`)
  await p.waitForFunction(n => !!window.__seen[n], String(i), { timeout: 10_000 })
  delays.push(await p.evaluate(n => window.__seen[n], String(i)) - t0)
  await new Promise(res => setTimeout(res, 20))
}
console.log(`event POSTed -> shown on the dashboard (${events} events, one at a time): p50 ${pct(delays, 50)} ms, `
  + `p99 ${pct(delays, 99)} ms, max ${Math.max(...delays)} ms`)
await context.close()
await browser.close()
