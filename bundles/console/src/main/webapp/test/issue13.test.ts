import { describe, it, expect } from 'vitest'
import { ApiError } from '../src/api'
import { i18n } from '../src/i18n'
import { apiRefusal } from '../src/util/codeWords'
import zh from '../src/locales/zh-CN.json'
import en from '../src/locales/en.json'
import '../src/pages'
import { actionCall, actionsFor, fullThumbprint, normalThumbprint, notInstalled, offersNone, preferredEndpoint, replaceCertificate,
  shortThumbprint, sortCertificates, stateClass, validity, validityClass, type OpcUaCertificate } from '../src/pages/opcua/opcua'
import { eventRows, mapsMessages, MAX_PAYLOAD_BYTES, payloadProblem, prettyJson, statsView, utf8Bytes } from '../src/pages/devices/mapping'
import { defaultSet, integrityProblems, licenceWarning, shortSha, sortFiles, unknownLicence,
  type FaceModels, type ModelFile } from '../src/pages/faces/models'

const CODES = ['opcua-not-installed', 'unknown-certificate', 'no-mapping', 'missing-payload', 'payload-too-large', 'no-driver',
  'unknown-device']
const THUMB = '3B4F1C2D8E9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C'

describe('words of the OPC UA server, message mapping and face models', () => {
  it('has zh-CN and en words for every error code', () => {
    for (const m of [zh, en] as any[]) for (const c of CODES) expect(m.apiCode[c], c).toBeTruthy()
  })
  it('says a refusal in words with the server message', () => {
    i18n.global.locale.value = 'en'
    expect(apiRefusal(new ApiError(413, 'payload-too-large', 'over 65536 bytes'))).toBe('The message is too large: 64 KiB at most. (over 65536 bytes)')
    i18n.global.locale.value = 'zh-CN'
    expect(apiRefusal(new ApiError(503, 'opcua-not-installed', 'no OPC UA server'))).toMatch(/^OPC UA 服务器没有安装/)
  })
  it('has the same keys for the pages in both languages', () => {
    const keys = (o: any, p = ''): string[] => Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`])
    const g = i18n.global as any
    for (const area of ['opcua', 'devices', 'faces']) {
      expect(keys(g.getLocaleMessage('zh-CN')[area]).sort(), area).toEqual(keys(g.getLocaleMessage('en')[area]).sort())
    }
  })
  it('fills the texts with placeholders', () => {
    const g = i18n.global
    g.locale.value = 'en'
    expect(g.t('opcua.howToSteps.1', { endpoint: 'opc.tcp://gh:4840/gatehouse' })).toContain('opc.tcp://gh:4840/gatehouse')
    expect(g.t('faces.models.switchHint', { cfg: 'etc/org.gatehouse.engine.face.onnx.cfg' }))
      .toContain('model.set (clean or legacy) in etc/org.gatehouse.engine.face.onnx.cfg')
    expect(g.t('devices.mapping.matched', { n: 2 })).toBe('Matched: it gives 2 event(s).')
    g.locale.value = 'zh-CN'
    expect(g.t('opcua.stateOf.REJECTED')).toBe('已拒绝')
  })
})

describe('OPC UA certificates', () => {
  it('formats a thumbprint in full with colons and short for a cell', () => {
    expect(fullThumbprint(THUMB)).toBe('3B:4F:1C:2D:8E:9A:0B:1C:2D:3E:4F:5A:6B:7C:8D:9E:0F:1A:2B:3C')
    expect(shortThumbprint(THUMB)).toBe('3B4F1C2D…0F1A2B3C')
    expect(shortThumbprint('ab:cd')).toBe('ABCD')
    expect(normalThumbprint(' 3b:4f 1c ')).toBe('3B4F1C')
    expect(fullThumbprint(null)).toBe('')
    expect(shortThumbprint(undefined)).toBe('')
  })
  it('tells the validity at a time', () => {
    const c = { validFrom: '2026-01-01T00:00:00Z', validTo: '2027-01-01T00:00:00Z' }
    expect(validity(c, new Date('2026-06-01T00:00:00Z'))).toBe('valid')
    expect(validity(c, new Date('2026-12-20T00:00:00Z'))).toBe('expiring')
    expect(validity(c, new Date('2027-01-02T00:00:00Z'))).toBe('expired')
    expect(validity(c, new Date('2025-12-31T00:00:00Z'))).toBe('notYet')
    expect(validity({ validFrom: null, validTo: null })).toBe('unknown')
    expect(['valid', 'expiring', 'expired', 'unknown'].map(v => validityClass(v as any))).toEqual(['ok', 'warn', 'bad', ''])
  })
  it('offers trust for a rejected, reject for a trusted certificate, and remove for both', () => {
    expect(actionsFor({ state: 'REJECTED' })).toEqual(['trust', 'remove'])
    expect(actionsFor({ state: 'TRUSTED' })).toEqual(['reject', 'remove'])
    expect(actionsFor({ state: 'OWN' })).toEqual([])
    expect(stateClass('TRUSTED')).toBe('ok')
    expect(stateClass('REJECTED')).toBe('warn')
    expect(actionCall('trust', 'ab:cd')).toEqual({ method: 'POST', path: '/opcua/certificates/ABCD/trust' })
    expect(actionCall('reject', 'ABCD')).toEqual({ method: 'POST', path: '/opcua/certificates/ABCD/reject' })
    expect(actionCall('remove', 'ABCD')).toEqual({ method: 'DELETE', path: '/opcua/certificates/ABCD' })
  })
  it('lists rejected certificates first and replaces one after an action', () => {
    const cert = (thumbprint: string, state: 'TRUSTED' | 'REJECTED', validFrom: string): OpcUaCertificate =>
      ({ thumbprint, subject: `CN=${thumbprint}`, state, validFrom, validTo: '2030-01-01T00:00:00Z' })
    const list = sortCertificates([cert('AA', 'TRUSTED', '2026-03-01T00:00:00Z'), cert('BB', 'REJECTED', '2026-01-01T00:00:00Z'),
      cert('CC', 'REJECTED', '2026-02-01T00:00:00Z')])
    expect(list.map(c => c.thumbprint)).toEqual(['CC', 'BB', 'AA'])
    const trusted = replaceCertificate(list, 'bb', { ...list[1], state: 'TRUSTED' })
    expect(trusted.map(c => `${c.thumbprint}:${c.state}`)).toEqual(['CC:REJECTED', 'AA:TRUSTED', 'BB:TRUSTED'])
    expect(replaceCertificate(trusted, 'AA', null).map(c => c.thumbprint)).toEqual(['CC', 'BB'])
  })
  it('knows the refusals that mean the server is not installed', () => {
    expect(notInstalled(new ApiError(503, 'opcua-not-installed', 'no OPC UA server'))).toBe(true)
    expect(notInstalled(new ApiError(503, 'service-unavailable', 'OpcUaServerAdmin is not available'))).toBe(true)
    expect(notInstalled(new ApiError(503, 'service-unavailable', 'EventService is not available'))).toBe(false)
    expect(notInstalled(new ApiError(403, 'forbidden', 'x'))).toBe(false)
    expect(notInstalled(null)).toBe(false)
  })
  it('picks the endpoint a client uses and sees the unsecured policy', () => {
    expect(preferredEndpoint(['opc.tcp://127.0.0.1:4840/gatehouse', 'opc.tcp://gh.school.cn:4840/gatehouse']))
      .toBe('opc.tcp://gh.school.cn:4840/gatehouse')
    expect(preferredEndpoint(['opc.tcp://localhost:4840/gatehouse'])).toBe('opc.tcp://localhost:4840/gatehouse')
    expect(preferredEndpoint([])).toBeNull()
    expect(offersNone(['None', 'Basic256Sha256/Sign'])).toBe(true)
    expect(offersNone(['Basic256Sha256/Sign', 'Basic256Sha256/SignAndEncrypt'])).toBe(false)
  })
})

describe('message mapping of a device', () => {
  it('shows the section for the drivers that map messages', () => {
    expect(mapsMessages({ vendor: 'camel' })).toBe(true)
    expect(mapsMessages({ vendor: 'OPCUA' })).toBe(true)
    expect(mapsMessages({ vendor: 'http' })).toBe(false)
    expect(mapsMessages({ vendor: 'zkteco' })).toBe(false)
  })
  it('turns the counters into words: idle, ok, unmatched, failed', () => {
    expect(statsView({ received: 0, mapped: 0, unmatched: 0, failed: 0 })).toMatchObject({ health: 'idle', cls: '', mappedPercent: null,
      lastReceived: null, lastUnmatched: null })
    expect(statsView({ received: 10, mapped: 10, unmatched: 0, failed: 0, lastReceived: '2026-12-02T10:00:00Z' }))
      .toMatchObject({ health: 'ok', cls: 'ok', mappedPercent: 100, lastReceived: '2026-12-02T10:00:00Z' })
    expect(statsView({ received: 3, mapped: 2, unmatched: 1, failed: 0, lastUnmatched: '{"x":1} (no rule matched)' }))
      .toMatchObject({ health: 'unmatched', cls: 'warn', mappedPercent: 67, lastUnmatched: '{"x":1} (no rule matched)' })
    expect(statsView({ received: 3, mapped: 1, unmatched: 1, failed: 1 })).toMatchObject({ health: 'failed', cls: 'bad', mappedPercent: 33 })
    expect(statsView(null)).toMatchObject({ received: 0, health: 'idle' })
    expect(statsView({ received: -1, mapped: NaN, unmatched: 0, failed: 0 })).toMatchObject({ received: 0, mapped: 0 })
  })
  it('checks a sample message as the server does', () => {
    expect(payloadProblem('')).toBe('missing-payload')
    expect(payloadProblem('  \n')).toBe('missing-payload')
    expect(payloadProblem('{"state":"alarm"}')).toBeNull()
    expect(payloadProblem('a'.repeat(MAX_PAYLOAD_BYTES))).toBeNull()
    expect(payloadProblem('a'.repeat(MAX_PAYLOAD_BYTES + 1))).toBe('payload-too-large')
    // counted in UTF-8 bytes: 3 bytes per Chinese character
    expect(utf8Bytes('北门')).toBe(6)
    expect(payloadProblem('围'.repeat(22_000))).toBe('payload-too-large')
  })
  it('shows the events of a test as rows', () => {
    const rows = eventRows({ matched: true, rule: "$.state == 'alarm'", error: null, events: [
      { time: '2026-12-02T10:00:00Z', siteId: 'main', deviceId: 'fence-mqtt', zoneId: 'north-fence', type: 'fence.intrusion',
        severity: 'MAJOR', attributes: { topic: 'fence/3/state', level: 3 } },
      { id: 'e-2', time: '2026-12-02T10:00:01Z', type: 'fence.fault' }] })
    expect(rows).toEqual([
      { key: '0', time: '2026-12-02T10:00:00Z', type: 'fence.intrusion', severity: 'MAJOR', device: 'fence-mqtt', zone: 'north-fence',
        attributes: 'level=3, topic=fence/3/state' },
      { key: 'e-2', time: '2026-12-02T10:00:01Z', type: 'fence.fault', severity: '', device: '', zone: '', attributes: '' }])
    expect(eventRows({ matched: false, events: [], error: 'no rule matched' })).toEqual([])
    expect(eventRows(null)).toEqual([])
  })
  it('pretty-prints JSON and leaves a text line as it is', () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}')
    expect(prettyJson('ZONE3 ALARM')).toBe('ZONE3 ALARM')
  })
})

describe('face models and their licences', () => {
  const file = (f: Partial<ModelFile>): ModelFile => ({ file: 'x.onnx', role: 'detector', set: 'legacy', source: null,
    sha256: 'a'.repeat(64), licence: 'MIT', note: null, installed: true, sha256Ok: true, active: false, ...f })
  const legacy: FaceModels = { activeSet: 'legacy', activeLicence: 'fr-detect.onnx MIT; fr-landmark.onnx unknown; fr-feature.onnx unknown',
    sets: [{ id: 'legacy', description: 'faceplugin', licence: 'unknown', default: true }, { id: 'clean', licence: 'MIT, Apache-2.0, CC0-1.0', default: false }],
    files: [
      file({ file: 'fr-feature.onnx', role: 'embedding', licence: 'unknown', active: true }),
      file({ file: 'fr-detect.onnx', role: 'detector', licence: 'MIT', active: true }),
      file({ file: 'fr-landmark.onnx', role: 'landmarks', licence: 'unknown', active: true, sha256Ok: false }),
      file({ file: 'dlib-resnet.onnx', role: 'embedding', set: 'clean', licence: 'CC0-1.0' }),
      file({ file: 'blazeface.onnx', role: 'keypoints', set: 'clean', licence: 'Apache-2.0', installed: false, sha256Ok: false })] }
  it('knows an unknown licence', () => {
    for (const l of ['unknown', 'UNKNOWN', '', null, undefined, ' ', 'NOASSERTION', 'MIT AND unknown']) expect(unknownLicence(l), String(l)).toBe(true)
    for (const l of ['MIT', 'Apache-2.0', 'CC0-1.0', 'LicenseRef-unknownish-x']) expect(unknownLicence(l), l).toBe(false)
  })
  it('warns when any active file has an unknown licence, not for inactive ones', () => {
    expect(licenceWarning(legacy).map(f => f.file)).toEqual(['fr-feature.onnx', 'fr-landmark.onnx'])
    const clean = { ...legacy, activeSet: 'clean', files: legacy.files.map(f => ({ ...f, active: f.set === 'clean' })) }
    expect(licenceWarning(clean)).toEqual([])
    expect(licenceWarning(null)).toEqual([])
  })
  it('finds active files missing or with a wrong checksum', () => {
    expect(integrityProblems(legacy).map(f => f.file)).toEqual(['fr-landmark.onnx'])
  })
  it('sorts the active files first in pipeline order, and finds the default set', () => {
    expect(sortFiles(legacy).map(f => f.file)).toEqual(['fr-detect.onnx', 'fr-landmark.onnx', 'fr-feature.onnx', 'blazeface.onnx', 'dlib-resnet.onnx'])
    expect(defaultSet(legacy)).toBe('legacy')
    expect(defaultSet({ ...legacy, sets: [] })).toBeNull()
    expect(shortSha('55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30')).toBe('55533b28a958…')
    expect(shortSha(null)).toBe('—')
  })
})
