// The web console end to end: a real Chromium against the assembled Gatehouse distribution.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { env, app, rest, until, browser, newPage, signIn, shot } from './lib.mjs'

let b
before(async () => { b = await browser() })
after(async () => { await b?.close() })

test('an admin signs in, sees the dashboard, and every page of the menu opens (screenshots at 1366x768)', async () => {
  const page = await newPage(b)
  await signIn(page, env.admin)
  await page.waitForSelector('[data-test=counts]')
  const names = await page.$$eval('nav [data-page]', as => as.map(a => a.getAttribute('data-page')))
  assert.ok(names.includes('dashboard') && names.length >= 10, `menu: ${names}`)
  for (const name of names) {
    await page.click(`nav [data-page="${name}"]`)
    await page.waitForURL(u => u.hash.startsWith(`#/${name}`))
    await page.waitForFunction(() => !document.querySelector('.panel[data-state=loading]'), null, { timeout: 15_000 })
      .catch(() => { /* a slow panel still gets its screenshot */ })
    assert.equal(await page.locator('[data-test=forbidden]').count(), 0, `${name} is allowed for admin`)
    await shot(page, `page-${name}`)
  }
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.click('nav [data-page="dashboard"]')
  await shot(page, 'page-dashboard-1920')
  assert.deepEqual(page.errors.filter(e => !/status of (403|404|503)/.test(e)), [], 'no script errors')
  await page.context().close()
})

test('an alarm posted through REST appears without reload and is acknowledged with a note', async () => {
  const page = await newPage(b)
  await signIn(page, env.admin)
  await page.waitForSelector('[data-test=alarms], .panel .state.empty')
  await until('the live stream', () => page.locator('[data-test=live]').evaluate(e => e.classList.contains('on')))
  const before = await page.$$eval('[data-alarm]', rows => rows.map(r => r.getAttribute('data-alarm')))
  const eventId = `e2e-alarm-${Date.now()}`
  const posted = await rest('POST', '/events', env.admin, { id: eventId, deviceId: 'fence-n1', type: 'fence.intrusion',
    severity: 'MAJOR', attributes: { zone: 'e2e' } })
  assert.equal(posted.status, 201, JSON.stringify(posted.body))
  const alarm = await until('the alarm', async () => {
    const r = await rest('GET', '/alarms?state=RAISED&limit=100', env.admin)
    return r.body.items?.find(a => a.lastEventId === eventId)
  })
  assert.ok(!before.includes(String(alarm.id)), 'the alarm was not on the page before')
  const row = page.locator(`[data-alarm="${alarm.id}"]`)
  await row.waitFor({ timeout: 15_000 }) // no reload: it came over the stream
  await row.locator('[data-test=alarm-note]').fill('e2e: guard sent to the north fence')
  await row.locator('[data-test=ack]').click()
  await page.waitForSelector('[data-test=alarm-message]')
  const acked = await until('the acknowledgement', async () => {
    const r = await rest('GET', `/alarms/${alarm.id}`, env.admin)
    return r.body.state === 'ACKNOWLEDGED' && r.body
  })
  assert.equal(acked.ackBy, env.admin.user)
  assert.match(acked.note ?? '', /north fence/)
  await page.locator(`[data-alarm="${alarm.id}"] td button.link`).first().click()
  await page.waitForSelector('[data-test=timeline] li')
  await shot(page, 'alarm-acknowledged')
  await page.context().close()
})

test('a CSV import with one bad row shows the problem and writes nothing', async () => {
  const page = await newPage(b)
  await signIn(page, env.admin)
  await page.goto(`${app}#/people`)
  const csv = 'id,name,role,group\ne2e-csv-1,E2E Good,STUDENT,3-2\ne2e-csv-2,E2E Bad,ROBOT,3-2\n'
  await page.setInputFiles('[data-test=csv-file]', { name: 'students.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.click('[data-test=csv-import]')
  const problems = page.locator('[data-test=csv-problems] tr:has(td)')
  await problems.first().waitFor()
  assert.equal(await problems.count(), 1)
  assert.match(await problems.first().innerText(), /3/) // row 3 (the header is row 1)
  await shot(page, 'csv-import-problems')
  assert.equal((await rest('GET', '/persons/e2e-csv-1', env.admin)).status, 404, 'the good row was not written')
  await page.context().close()
})

test('a face enrolled by upload shows its verdict, and the same photo is identified', { skip: !env.face && 'GATEHOUSE_FACE not set' }, async () => {
  const page = await newPage(b)
  await signIn(page, env.admin)
  await page.goto(`${app}#/people/stu-0302`)
  await page.setInputFiles('[data-test=face-file]', { name: 'face.jpg', mimeType: 'image/jpeg', buffer: readFileSync(env.face) })
  await page.click('[data-test=face-upload]')
  const verdict = page.locator('[data-test=face-verdict]')
  await verdict.waitFor()
  await until('the verdict text', async () => (await verdict.innerText()).trim().length > 2)
  await shot(page, 'face-verdict')
  // the same photo is then identified as that student on the faces page
  await page.goto(`${app}#/faces`)
  await page.setInputFiles('[data-test=identify-file]', { name: 'probe.jpg', mimeType: 'image/jpeg', buffer: readFileSync(env.face) })
  await page.click('[data-test=identify-run]')
  const result = page.locator('[data-test=identify-result]')
  await result.waitFor()
  assert.match(await result.innerText(), /Emma Liu/)
  await shot(page, 'face-identified')
  await page.context().close()
})

test('the faces page shows the active model set and its licences, with a warning for an unknown licence', async () => {
  const models = await rest('GET', '/faces/models', env.admin)
  const page = await newPage(b)
  await signIn(page, env.admin)
  await page.goto(`${app}#/faces`)
  const panel = page.locator('[data-test=face-models]')
  await panel.waitFor()
  if (models.status !== 200) {
    // the backend of issue 14 is not there: the panel says why in words and the rest of the page works
    await until('the refusal in words', async () => await panel.getAttribute('data-state') === 'error')
    await page.locator('[data-test=faces-status]').waitFor()
  } else {
    await panel.locator('[data-test=face-licence]').waitFor()
    assert.equal((await panel.locator('[data-test=face-active-set]').innerText()).trim(), models.body.activeSet)
    const unknown = models.body.files.filter(f => f.active && (!f.licence || /unknown/i.test(f.licence)))
    assert.equal(await panel.locator('[data-test=face-licence]').getAttribute('data-warning'), String(unknown.length > 0))
    assert.equal(await panel.locator('[data-test=face-file]').count(), models.body.files.length)
    assert.match(await panel.locator('[data-test=face-switch-hint]').innerText(), /model\.set/)
  }
  await shot(page, 'faces-models')
  await page.context().close()
})

test('a guardian sees their own child on a phone; the API refuses the other child with 403', async () => {
  const page = await newPage(b, 390, 844)
  await signIn(page, env.parent)
  await page.waitForSelector('[data-test=child][data-child-id="stu-0301"]')
  assert.equal(await page.locator('[data-test=child][data-child-id="stu-0302"]').count(), 0)
  assert.equal(await page.locator('nav [data-page]').count(), 0, 'no desktop menu for a parent')
  await shot(page, 'parent-390x844')
  assert.equal((await rest('GET', '/me/children/stu-0301/passages', env.parent)).status, 200)
  const other = await rest('GET', '/me/children/stu-0302/passages', env.parent)
  assert.equal(other.status, 403, JSON.stringify(other.body))
  assert.equal((await rest('GET', '/persons/stu-0302', env.parent)).status, 403)
  assert.equal((await rest('GET', '/passages', env.parent)).status, 403)
  await page.context().close()
})

test('a teacher cannot open the watchlist or the settings', async () => {
  const page = await newPage(b)
  await signIn(page, env.teacher)
  // the dashboard: the panels a teacher may not read (events, devices) say so, and the rest of the page works
  await page.waitForSelector('[data-test=counts]')
  await page.waitForSelector('.panel[data-state=error] [role=alert]')
  assert.match(await page.locator('.panel[data-state=error]').first().innerText(), /没有权限/)
  assert.ok(await page.locator('[data-test=alarms], .panel .state.empty').count() >= 1, 'the alarms panel still shows')
  await shot(page, 'teacher-dashboard')
  const names = await page.$$eval('nav [data-page]', as => as.map(a => a.getAttribute('data-page')))
  for (const hidden of ['watchlist', 'settings', 'plugins', 'users']) assert.ok(!names.includes(hidden), `${hidden} in ${names}`)
  for (const path of ['watchlist', 'settings']) {
    await page.goto(`${app}#/${path}`)
    await page.waitForSelector('[data-test=forbidden]')
  }
  await shot(page, 'teacher-forbidden')
  assert.equal((await rest('GET', '/persons?role=WATCHLIST', env.teacher)).status, 403)
  const mine = await rest('GET', '/attendance', env.teacher)
  assert.equal(mine.status, 200, JSON.stringify(mine.body))
  assert.ok(mine.body.every(r => r.group === '3-2'), 'only the homeroom class')
  await page.context().close()
})

test('a user an admin creates signs in at once (no restart)', async () => {
  const who = { user: `e2e-sec-${Date.now()}`, password: 'e2e-sec-pass-1' }
  const made = await rest('POST', '/users', env.admin, { name: who.user, password: who.password, roles: ['security'] })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const page = await newPage(b)
  await signIn(page, who)
  await page.waitForSelector('[data-test=counts]')
  assert.equal((await rest('GET', '/me', who)).status, 200)
  await page.context().close()
})

test('failed logins are throttled, and the page says so', async () => {
  const page = await newPage(b)
  await page.goto(app)
  await page.waitForFunction(() => window.__gatehouseReady === true)
  const user = `e2e-nobody-${Date.now()}`
  let throttled = false
  for (let i = 0; i < 8 && !throttled; i++) {
    await page.fill('input[name=user]', user)
    await page.fill('input[name=password]', 'wrong-password')
    const answer = page.waitForResponse(r => r.url().endsWith('/auth/token'))
    await page.click('button[type=submit]')
    throttled = (await answer).status() === 429
  }
  assert.ok(throttled, 'a 429 came within 8 wrong passwords')
  const text = await page.locator('[data-test=login-error]').innerText()
  assert.match(text, /秒后再试|try again in/, text)
  assert.ok(await page.locator('button[type=submit]').isDisabled(), 'the button waits')
  const audit = await rest('GET', `/audit?subjectType=user&subjectId=${user}`, env.admin)
  assert.ok(audit.body.items.filter(e => e.action === 'login-failed').length >= 3, JSON.stringify(audit.body))
  await shot(page, 'login-throttled')
  await page.context().close()
})

test('the language switches between zh-CN and en', async () => {
  const page = await newPage(b)
  await signIn(page, env.admin)
  const dashboard = page.locator('nav [data-page="dashboard"]')
  assert.equal((await dashboard.innerText()).trim(), '总览')
  await page.click('[data-locale="en"]')
  await until('English', async () => (await dashboard.innerText()).trim() === 'Dashboard')
  await shot(page, 'dashboard-en')
  await page.click('[data-locale="zh-CN"]')
  await until('Chinese', async () => (await dashboard.innerText()).trim() === '总览')
  await page.context().close()
})
