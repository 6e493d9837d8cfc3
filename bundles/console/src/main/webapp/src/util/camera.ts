// The browser camera for a face photo (the guard room's webcam, a visitor's phone): open it, say why it cannot be
// opened in words, and take one frame as a JPEG.
import { nextTick, onUnmounted, ref } from 'vue'
import { wordOf, type Words } from './words'

export const CAMERA_WORDS: Record<string, Words> = {
  unsupported: { 'zh-CN': '这个浏览器不能在这里使用摄像头（需要 HTTPS 地址或本机地址）。请改用上传照片。',
    en: 'This browser cannot use a camera here (it needs an HTTPS address or this machine). Upload a photo instead.' },
  denied: { 'zh-CN': '摄像头权限被拒绝。请在浏览器中允许使用摄像头后再试，或改用上传照片。',
    en: 'Camera permission was refused. Allow the camera in the browser and try again, or upload a photo instead.' },
  'not-found': { 'zh-CN': '没有找到摄像头。请改用上传照片。', en: 'No camera was found. Upload a photo instead.' },
  busy: { 'zh-CN': '摄像头正被其他程序占用，请关闭后再试。', en: 'The camera is in use by another program; close it and try again.' },
  failed: { 'zh-CN': '无法打开摄像头。请改用上传照片。', en: 'The camera cannot be opened. Upload a photo instead.' },
}

/** Whether this browser offers a camera here at all. */
export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia
}

/** The reason a camera did not open, as a key of CAMERA_WORDS. */
export function cameraProblem(e: unknown): string {
  const name = e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : ''
  switch (name) {
    case 'NotAllowedError': case 'SecurityError': return 'denied'
    case 'NotFoundError': case 'OverconstrainedError': return 'not-found'
    case 'NotReadableError': return 'busy'
    default: return 'failed'
  }
}

export function cameraWords(problem: string, locale: string): string {
  return wordOf(CAMERA_WORDS, problem, locale) ?? problem
}

/** Opens the camera (the front one on a phone for a selfie) and plays it in the video element. */
export async function openCamera(video: HTMLVideoElement, facing: 'user' | 'environment' = 'user'): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: facing, width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
  video.srcObject = stream
  await video.play().catch(() => undefined)
  return stream
}

export function closeCamera(stream: MediaStream | null) {
  stream?.getTracks().forEach(track => track.stop())
}

/** The current frame of a playing video as a JPEG, or null before the first frame. */
export async function grabJpeg(video: HTMLVideoElement, quality = 0.92): Promise<Blob | null> {
  if (!video.videoWidth) return null
  const canvas = document.createElement('canvas')
  canvas.width = video.videoWidth
  canvas.height = video.videoHeight
  canvas.getContext('2d')!.drawImage(video, 0, 0)
  return new Promise<Blob | null>(resolve => canvas.toBlob(resolve, 'image/jpeg', quality))
}

/** The longest side a photo is sent with: a phone's 12-megapixel picture is scaled down before the upload. */
export const MAX_SIDE = 1600

/** The size a picture is scaled to so that its longest side is at most max (unchanged when it already fits). */
export function fitWithin(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const long = Math.max(width, height)
  if (long <= max || long === 0) return { width, height }
  const k = max / long
  return { width: Math.round(width * k), height: Math.round(height * k) }
}

/** Whether a photo goes to the server as it is: a JPEG or PNG of at most 1.5 MB. */
export function sendsAsIs(photo: { size: number; type: string }): boolean {
  return photo.size <= 1_500_000 && /^image\/(jpeg|png)$/.test(photo.type)
}

/**
 * A chosen photo ready to send: a big picture (over 1.5 MB) or another format the browser decodes (a phone's HEIC)
 * as a JPEG with its longest side at most MAX_SIDE; a small JPEG or PNG, or one the browser cannot decode here, as it
 * is (the server then says what is wrong with it).
 */
export async function shrinkPhoto(file: Blob): Promise<Blob> {
  if (sendsAsIs(file) || typeof createImageBitmap !== 'function') return file
  try {
    const bitmap = await createImageBitmap(file)
    const size = fitWithin(bitmap.width, bitmap.height)
    const canvas = document.createElement('canvas')
    canvas.width = size.width
    canvas.height = size.height
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, size.width, size.height)
    bitmap.close()
    const out = await new Promise<Blob | null>(resolve => canvas.toBlob(resolve, 'image/jpeg', 0.9))
    return out ?? file
  } catch {
    return file
  }
}

/**
 * The camera of a component: `on` while it plays in `video` (bind it with ref="video"), `error` in words when it does
 * not open, `take()` for a JPEG of the current frame; closed when the component goes.
 */
export function useCamera(locale: () => string, facing: 'user' | 'environment' = 'user') {
  const on = ref(false)
  const error = ref('')
  const video = ref<HTMLVideoElement | null>(null)
  let stream: MediaStream | null = null
  function stop() {
    closeCamera(stream)
    stream = null
    on.value = false
  }
  async function start() {
    error.value = ''
    if (!cameraAvailable()) { error.value = cameraWords('unsupported', locale()); return }
    on.value = true
    await nextTick()
    try {
      stream = await openCamera(video.value!, facing)
    } catch (e) {
      stop()
      error.value = cameraWords(cameraProblem(e), locale())
    }
  }
  async function take(): Promise<Blob | null> {
    return video.value ? grabJpeg(video.value) : null
  }
  onUnmounted(stop)
  return { on, error, video, start, stop, take }
}

/** The file name a photo is sent under: its own when it goes as it is, else a JPEG's. */
export function photoName(original: Blob, sent: Blob, fallback = 'photo.jpg'): string {
  return sent === original && original instanceof File && original.name ? original.name : fallback
}
