// The reasons a face photo is refused, in words. The codes of org.gatehouse.api.recognition.FaceReasons come first
// (test/faceReasons.test.ts checks that every one of them has zh-CN and en words); then the other refusals of
// POST /persons/{id}/faces.
import { wordOf, type Words } from './words'

export const FACE_REASONS: Record<string, Words> = {
  'image-empty': { 'zh-CN': '照片是空的（0 字节）。', en: 'The photo is empty (0 bytes).' },
  'image-undecodable': { 'zh-CN': '无法读取照片：请使用 JPEG 或 PNG 格式，且文件完整。',
    en: 'The photo cannot be read: use a complete JPEG or PNG file.' },
  'image-too-large': { 'zh-CN': '照片像素过大，请缩小后再上传。', en: 'The photo has too many pixels; make it smaller and try again.' },
  'no-face': { 'zh-CN': '照片中没有找到人脸。', en: 'No face was found in the photo.' },
  'face-too-small': { 'zh-CN': '人脸太小：请靠近一些，让脸占照片的大部分。',
    en: 'The face is too small: come closer so that the face fills most of the photo.' },
  'face-blurred': { 'zh-CN': '人脸模糊：请保持不动、对准焦点、光线充足。',
    en: 'The face is blurred: hold still, focus and use good light.' },
  'face-off-frontal': { 'zh-CN': '脸转得太偏：请正对镜头。', en: 'The face is turned too far: look straight at the camera.' },
  'several-faces': { 'zh-CN': '照片中有多张人脸：登记照只能有一个人。',
    en: 'The photo shows several faces: an enrollment photo must show one person only.' },
  'no-engine': { 'zh-CN': '人脸识别引擎不可用，请联系系统集成人员。',
    en: 'No face recognition engine is available; ask the integrator.' },
  'consent-required': { 'zh-CN': '该学生尚无家长同意人脸登记，请先记录家长同意。',
    en: 'No guardian has consented to face enrollment of this student; record a consent first.' },
  'too-many-templates': { 'zh-CN': '此人已登记的人脸数量已达上限，请先删除旧的。',
    en: 'This person already has the most faces allowed; delete an old one first.' },
  'unknown-person': { 'zh-CN': '此人不存在（可能已被删除）。', en: 'This person does not exist (it may have been deleted).' },
  'unsupported-media-type': { 'zh-CN': '文件类型不支持：请上传 JPEG 或 PNG 照片。',
    en: 'This kind of file is not supported: upload a JPEG or PNG photo.' },
}

/** The words for a refusal code, or null when the code is unknown (the caller then shows the server's message). */
export function faceReasonText(code: string, locale: string): string | null {
  return wordOf(FACE_REASONS, code, locale)
}
