import { describe, it, expect } from 'vitest'
import { rowsOf, propsOf, deviceProblems, zoneProblems, commandsFor, applyStatus, isId,
  type Device } from '../src/pages/devices/model'

const dev = (over: Partial<Device> = {}): Device => ({ id: 'ops-cam-1', siteId: 'demo-school', zoneId: 'pond',
  type: 'camera', vendor: 'http', name: 'Pond camera 2', properties: {}, ...over })

describe('device properties', () => {
  it('turns properties into sorted rows and back', () => {
    const rows = rowsOf({ model: 'X', address: '10.0.0.5' })
    expect(rows).toEqual([{ key: 'address', value: '10.0.0.5' }, { key: 'model', value: 'X' }])
    expect(propsOf(rows)).toEqual({ properties: { address: '10.0.0.5', model: 'X' }, problem: null })
  })
  it('drops blank rows, trims keys and refuses a value without key or a key twice', () => {
    expect(propsOf([{ key: ' a ', value: '1' }, { key: '', value: ' ' }])).toEqual({ properties: { a: '1' }, problem: null })
    expect(propsOf([{ key: '', value: 'x' }]).problem).toBe('emptyKey')
    expect(propsOf([{ key: 'a', value: '1' }, { key: 'a ', value: '2' }]).problem).toBe('duplicateKey')
  })
})

describe('checks before saving', () => {
  it('accepts a complete device and wants ids as the server does', () => {
    expect(deviceProblems(dev(), [])).toEqual({})
    expect(deviceProblems(dev({ zoneId: null }), [])).toEqual({})
    expect(deviceProblems(dev({ id: 'bad id', siteId: '', type: '', vendor: 'a/b' }), [{ key: '', value: 'v' }]))
      .toEqual({ id: 'id', siteId: 'required', type: 'required', vendor: 'id', properties: 'emptyKey' })
    expect(isId('gate-1:a_b.c')).toBe(true)
    expect(isId('x'.repeat(65))).toBe(false)
  })
  it('checks a zone', () => {
    expect(zoneProblems({ id: 'ops-z', siteId: 'demo-school', name: 'Lab', kind: 'DANGER', armed: false,
      responsibleStaff: [] })).toEqual({})
    expect(zoneProblems({ id: '', siteId: 'demo-school', name: ' ', kind: '', armed: false, responsibleStaff: [] }))
      .toEqual({ id: 'required', name: 'required', kind: 'required' })
  })
})

describe('commands and live status', () => {
  it('offers commands only where a driver can carry them out', () => {
    expect(commandsFor({ type: 'facegate', vendor: 'http' })).toEqual([])
    expect(commandsFor({ type: 'fence', vendor: 'simulator' })).toEqual(['trigger', 'restore'])
    expect(commandsFor({ type: 'facegate', vendor: 'hik' })).toEqual(['open'])
    expect(commandsFor({ type: 'fence', vendor: 'acme' })).toEqual(['arm', 'disarm'])
    expect(commandsFor({ type: 'camera', vendor: 'onvif' })).toEqual(['snapshot'])
  })
  it('applies a status change to the one device', () => {
    const list = [dev(), dev({ id: 'other', status: 'ONLINE' })]
    const out = applyStatus(list, { id: 'ops-cam-1', status: 'OFFLINE' })
    expect(out.map(d => d.status)).toEqual(['OFFLINE', 'ONLINE'])
    expect(out[0].name).toBe('Pond camera 2')
  })
})
