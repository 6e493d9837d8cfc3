// One form's sending state: busy while a request runs, the refusal in words afterwards.
import { ref } from 'vue'
import { errorText } from '../load'

export function useSubmit(describe: (e: unknown) => string = errorText) {
  const busy = ref(false)
  const error = ref('')
  /** Runs the request unless one is running; a failure becomes `error` (the result is then undefined). */
  async function run<T>(send: () => Promise<T>): Promise<T | undefined> {
    if (busy.value) return undefined
    busy.value = true
    error.value = ''
    try {
      return await send()
    } catch (e) {
      error.value = describe(e)
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
