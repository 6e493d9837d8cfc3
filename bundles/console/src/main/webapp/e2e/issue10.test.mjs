// The console pages of issue 10 end to end (face gates, judged attendance and its reports, the school calendar, early
// leave passes for teachers and parents): a real Chromium, signed in as the role that uses each page.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { env, app, rest, until, browser, newPage, signIn, shot } from './lib.mjs'

let b
before(async () => { b = await browser() })
after(async () => { await b?.close() })

const iso = ms => new Date(ms).toISOString()

test('security staff see the face gates, open one, and a door command answers in words', async () => {
  const page = await newPage(b)
  await signIn(page, env.admin)
  await page.goto(`${app}#/gates`)
  const row = page.locator('[data-test=gate-row][data-gate-id="gate-1"]')
  await row.waitFor()
  assert.match(await row.innerText(), /gate-1/)
  const listed = await rest('GET', '/gates', env.admin)
  assert.equal(listed.status, 200, JSON.stringify(listed.body))
  assert.equal(await page.locator('[data-test=gate-row]').count(), listed.body.length, 'every facegate is listed')
  await row.locator('[data-test=gate-open]').click()
  await page.waitForSelector('[data-test=door-buttons]')
  await page.waitForSelector('[data-test=gate-passages], .modal .panel .state.empty')
  const answer = page.waitForResponse(r => r.url().endsWith('/devices/gate-1/commands'))
  await page.click('[data-door=open]')
  const res = await answer
  const outcome = page.locator('[data-test=door-message], [data-test=door-error]')
  await outcome.first().waitFor()
  const text = (await outcome.first().innerText()).trim()
  assert.ok(text.length > 3, 'the outcome is said in words')
  const body = await res.json().catch(() => ({}))
  if (res.status() === 200 && body.ok) assert.equal(await page.locator('[data-test=door-message]').count(), 1, text)
  else assert.equal(await page.locator('[data-test=door-error]').count(), 1, text)
  // a lasting state asks first; dismissing sends nothing
  let asked = ''
  page.once('dialog', d => { asked = d.message(); void d.dismiss() })
  let sent = false
  const watch = r => { if (r.url().endsWith('/commands')) sent = true }
  page.on('request', watch)
  await page.click('[data-door=alwaysOpen]')
  await until('the confirmation', () => asked)
  page.off('request', watch)
  assert.ok(!sent, 'a dismissed "keep open" sends no command')
  await shot(page, 'gates-detail')
  await page.context().close()
})

test('an admin downloads the attendance report as CSV and XLSX with the names the server gives', async () => {
  const page = await newPage(b)
  await signIn(page, env.admin)
  await page.goto(`${app}#/attendance`)
  await page.waitForSelector('[data-test=attendance-report]')
  await page.waitForFunction(() => !document.querySelector('.panel[data-state=loading]'), null, { timeout: 15_000 })
  const from = await page.inputValue('input[name=from]')
  const to = await page.inputValue('input[name=to]')
  for (const format of ['csv', 'xlsx']) {
    const direct = await fetch(`${env.url}/gatehouse/api/attendance/report?from=${from}&to=${to}&format=${format}&by=day`,
      { headers: { Authorization: 'Basic ' + Buffer.from(`${env.admin.user}:${env.admin.password}`).toString('base64') } })
    assert.equal(direct.status, 200, await direct.text())
    const disposition = direct.headers.get('content-disposition') ?? ''
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-test=report-${format}]`)])
    const name = download.suggestedFilename()
    assert.ok(name.endsWith(`.${format}`), name)
    assert.ok(disposition.includes(name), `${name} is the server's name (${disposition})`)
    const file = join(env.artifacts, name)
    await download.saveAs(file)
    const bytes = readFileSync(file)
    assert.ok(bytes.length > 0, 'the file is not empty')
    if (format === 'xlsx') assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip')
    await page.waitForSelector('[data-test=report-message]')
  }
  await page.waitForSelector('[data-test=status-chips]')
  await shot(page, 'attendance-range')
  await page.context().close()
})

test('an admin marks a holiday in the calendar, and the calendar API has it', async () => {
  const page = await newPage(b)
  await signIn(page, env.admin)
  await page.goto(`${app}#/calendar`)
  await page.waitForSelector('[data-test=calendar-grid]')
  await page.click('[data-test=month-next]')
  // a weekday of next month: the first Wednesday in its grid that belongs to the month
  const date = await until('next month in the grid', () => page.$$eval('[data-test=calendar-grid] td[data-date]', tds =>
    tds.map(td => td.getAttribute('data-date')).find(d => {
      const [y, m, day] = d.split('-').map(Number)
      const now = new Date()
      const next = new Date(now.getFullYear(), now.getMonth() + 1, 1)
      return y === next.getFullYear() && m === next.getMonth() + 1 && new Date(y, m - 1, day).getDay() === 3
    })))
  await page.click(`[data-test=calendar-grid] td[data-date="${date}"] button`)
  await page.check('[data-test=day-form] input[data-kind=holiday]')
  await page.fill('[data-test=day-form] input[name=note]', 'e2e 运动会')
  await page.click('[data-test=day-save]')
  await page.waitForSelector(`[data-test=calendar-grid] td[data-date="${date}"][data-kind=holiday]`)
  await page.waitForSelector('[data-test=calendar-message]')
  const cal = await rest('GET', `/attendance/calendar?from=${date}&to=${date}`, env.admin)
  assert.equal(cal.status, 200, JSON.stringify(cal.body))
  const day = cal.body.days.find(d => d.date === date)
  assert.ok(day && day.schoolDay === false, JSON.stringify(cal.body))
  assert.equal(day.note, 'e2e 运动会')
  assert.ok(!cal.body.schoolDays.includes(date), 'a holiday is no school day')
  await shot(page, 'calendar-holiday')
  assert.ok([200, 204].includes((await rest('DELETE', `/attendance/calendar/${date}`, env.admin)).status))
  await page.context().close()
})

test('a homeroom teacher approves a leave pass a parent asked for', async () => {
  const now = Date.now()
  const asked = await rest('POST', '/me/children/stu-0301/leave-passes', env.parent,
    { from: iso(now + 3600_000), to: iso(now + 3 * 3600_000), reason: 'e2e: dentist' })
  assert.equal(asked.status, 201, JSON.stringify(asked.body))
  assert.equal(asked.body.state, 'PENDING')
  const page = await newPage(b)
  await signIn(page, env.teacher)
  await page.goto(`${app}#/leave`)
  const row = page.locator(`[data-test=leave-row][data-pass-id="${asked.body.id}"]`)
  await row.waitFor()
  assert.match(await row.innerText(), /dentist/)
  await row.locator('[data-action=approve]').click()
  await page.waitForSelector('[data-test=leave-message]')
  await page.waitForSelector(`[data-test=leave-row][data-pass-id="${asked.body.id}"][data-state=APPROVED]`)
  assert.equal(await page.locator(`[data-test=leave-row][data-pass-id="${asked.body.id}"] [data-action=approve]`).count(), 0)
  const mine = await rest('GET', '/me/children/stu-0301/leave-passes', env.parent)
  assert.equal(mine.body.find(p => p.id === asked.body.id)?.state, 'APPROVED')
  await shot(page, 'leave-approved')
  // approving again is refused in words
  const again = await rest('POST', `/leave-passes/${asked.body.id}/approve`, env.teacher)
  assert.ok(again.status >= 400 && again.status < 500, JSON.stringify(again.body))
  await page.context().close()
})

test('a parent requests leave for a child on a phone and sees it waiting', async () => {
  const page = await newPage(b, 390, 844)
  await signIn(page, env.parent)
  const card = page.locator('[data-test=child][data-child-id="stu-0301"]')
  await card.waitFor()
  const leave = card.locator('[data-test=child-leave]')
  await leave.locator('[data-test=leave-request]').click()
  // a window that ends before it starts is refused before sending
  const from = await leave.locator('input[name=from]').inputValue()
  await leave.locator('input[name=to]').fill(from)
  await leave.locator('textarea[name=reason]').fill('e2e: 家中有事')
  await leave.locator('[data-test=leave-send]').click()
  await leave.locator('[data-test=child-leave-error]').waitFor()
  const [d, t] = from.split('T')
  const [h, m] = t.split(':').map(Number)
  const later = new Date(`${d}T${t}`)
  later.setHours(h + 1, m)
  const p = n => String(n).padStart(2, '0')
  await leave.locator('input[name=to]').fill(`${later.getFullYear()}-${p(later.getMonth() + 1)}-${p(later.getDate())}T${p(later.getHours())}:${p(later.getMinutes())}`)
  await leave.locator('[data-test=leave-send]').click()
  await leave.locator('[data-test=child-leave-message]').waitFor()
  const item = leave.locator('li[data-state=PENDING]', { hasText: '家中有事' })
  await item.first().waitFor()
  const mine = await rest('GET', '/me/children/stu-0301/leave-passes', env.parent)
  assert.ok(mine.body.some(x => x.reason === 'e2e: 家中有事' && x.state === 'PENDING'), JSON.stringify(mine.body))
  await shot(page, 'parent-leave-390x844')
  await page.context().close()
})
