import { describe, it, expect } from 'vitest'
import { FACE_REASONS, faceReasonText } from '../src/util/faceReasons'
// the API's list of reason codes, read from its source so that a new code without words fails here
import javaSource from '../../../../../api/src/main/java/org/gatehouse/api/recognition/FaceReasons.java?raw'

function codesOf(java: string): string[] {
  return [...java.matchAll(/public\s+static\s+final\s+String\s+\w+\s*=\s*"([^"]+)"/g)].map(m => m[1])
}

describe('face reasons', () => {
  const codes = codesOf(javaSource)
  it('reads the codes of FaceReasons.java', () => {
    expect(codes.length).toBeGreaterThanOrEqual(9)
    expect(codes).toContain('no-face')
  })
  it('has zh-CN and en words for every code of FaceReasons.java', () => {
    for (const code of codes) {
      const w = FACE_REASONS[code]
      expect(w, code).toBeDefined()
      expect(w['zh-CN'].trim(), code).not.toBe('')
      expect(w.en.trim(), code).not.toBe('')
      expect(/[\u4e00-\u9fff]/.test(w['zh-CN']), `${code} zh-CN is Chinese`).toBe(true)
    }
  })
  it('gives null for an unknown code and falls back to English for another language', () => {
    expect(faceReasonText('no-such-code', 'en')).toBeNull()
    expect(faceReasonText('no-face', 'fr')).toBe(FACE_REASONS['no-face'].en)
    expect(faceReasonText('no-face', 'zh-CN')).toBe(FACE_REASONS['no-face']['zh-CN'])
  })
})
