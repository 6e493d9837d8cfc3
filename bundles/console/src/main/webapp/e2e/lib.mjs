// Shared set-up of the console's end-to-end tests: the Gatehouse under test (started by the Java test ConsoleE2EIT,
// which passes its address and users in the environment), a REST helper, and a real Chromium driven by playwright-core.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

function need(name) {
  const v = process.env[name]
  if (!v) throw new Error(`${name} is not set: run these tests through ConsoleE2EIT (mvn verify), or set it by hand`)
  return v
}
const pair = v => { const i = v.indexOf(':'); return { user: v.slice(0, i), password: v.slice(i + 1) } }

export const env = {
  url: need('GATEHOUSE_URL').replace(/\/$/, ''),
  admin: pair(need('GATEHOUSE_ADMIN')),
  teacher: pair(need('GATEHOUSE_TEACHER')),
  parent: pair(need('GATEHOUSE_PARENT')),
  face: process.env.GATEHOUSE_FACE,
  artifacts: process.env.GATEHOUSE_ARTIFACTS ?? 'target/console-e2e',
  chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
}
export const app = `${env.url}/gatehouse/`
export const apiBase = `${env.url}/gatehouse/api`
mkdirSync(env.artifacts, { recursive: true })

/** One REST call with Basic credentials; returns {status, body}. */
export async function rest(method, path, who, body, type = 'application/json') {
  const headers = { Accept: 'application/json',
    Authorization: 'Basic ' + Buffer.from(`${who.user}:${who.password}`).toString('base64') }
  if (body !== undefined) headers['Content-Type'] = type
  const res = await fetch(apiBase + path, { method, headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) })
  const text = await res.text()
  let json = null
  try { json = JSON.parse(text) } catch { /* not JSON */ }
  return { status: res.status, body: json ?? text }
}

/** Waits until f() returns a truthy value (polling), or fails after ms. */
export async function until(what, f, ms = 20_000) {
  const end = Date.now() + ms
  let last
  while (Date.now() < end) {
    try { last = await f(); if (last) return last } catch (e) { last = e }
    await new Promise(r => setTimeout(r, 200))
  }
  throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : JSON.stringify(last)}`)
}

// Chromium as this machine runs it: headless, no sandbox (root), and no background connections to the outside.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']

export async function browser() {
  return chromium.launch({ executablePath: env.chromium, args: FLAGS, headless: true })
}

/**
 * A fresh page (its own context: no shared memory, so no shared token) at the given size, with ECharts animation
 * off and every console error collected in page.errors.
 */
/** The demo school's time zone: the browsers of its staff run in it, whatever the machine running the tests says. */
export const SITE_TIME_ZONE = 'Asia/Shanghai'

export async function newPage(b, width = 1366, height = 768, locale = 'zh-CN') {
  const context = await b.newContext({ viewport: { width, height }, locale, timezoneId: SITE_TIME_ZONE })
  await context.addInitScript(() => { window.__gatehouseNoAnimation = true })
  const page = await context.newPage()
  page.errors = []
  page.on('pageerror', e => page.errors.push(String(e)))
  page.on('console', m => { if (m.type() === 'error') page.errors.push(m.text()) })
  return page
}

/** Opens the console (or another page of the app) and signs in; resolves when `shown` is on the page. */
export async function signIn(page, who, url = app, shown = '[data-test=logout]') {
  await page.goto(url)
  await page.waitForFunction(() => window.__gatehouseReady === true)
  await page.fill('input[name=user]', who.user)
  await page.fill('input[name=password]', who.password)
  await page.click('button[type=submit]')
  await page.waitForSelector(shown)
}

export async function shot(page, name) {
  await page.waitForTimeout(300) // let late panels settle
  await page.screenshot({ path: join(env.artifacts, `${name}.png`), fullPage: true })
}
