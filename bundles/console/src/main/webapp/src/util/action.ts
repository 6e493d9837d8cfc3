// One user action of a panel (save, delete, bind...): busy while it runs, then a message or the refusal in words.
import { reactive } from 'vue'
import { errorText } from '../load'

export interface Action {
  busy: boolean
  error: string
  message: string
  /** Runs f; its result (if any) becomes the message, a thrown error the error text. @return whether it succeeded */
  run(f: () => Promise<string | void>): Promise<boolean>
  /** Shows a problem found before sending. */
  fail(text: string): void
  clear(): void
}

/** @param describe turns a refusal into words (errorText by default) */
export function useAction(describe: (e: unknown) => string = errorText): Action {
  const a: Action = reactive({
    busy: false, error: '', message: '',
    clear() { a.error = ''; a.message = '' },
    fail(text: string) { a.error = text; a.message = '' },
    async run(f: () => Promise<string | void>) {
      a.busy = true
      a.clear()
      try {
        const m = await f()
        if (m) a.message = m
        return true
      } catch (e) {
        a.error = describe(e)
        return false
      } finally {
        a.busy = false
      }
    },
  }) as Action
  return a
}
