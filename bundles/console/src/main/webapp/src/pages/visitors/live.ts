// What the visitors pages read again when the stream says a visit changed: a visit.* event (kind visit, and the same
// event as kind event) or a visitor's passage. A burst (the one event under both kinds, a passage and its arrival)
// reads once.
import { onUnmounted } from 'vue'
import { onStream } from '../../stream'
import { isVisitEvent, isVisitorPassage } from '../../util/visit'

/**
 * Calls reload (at most once per burst) for the visit events and visitor passages that `about` accepts (all by
 * default); unsubscribes when the component goes.
 */
export function onVisitChanges(reload: () => void, about: (data: any) => boolean = () => true) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const soon = (data: unknown) => {
    if (!about(data)) return
    clearTimeout(timer)
    timer = setTimeout(reload, 250)
  }
  const off = [
    onStream('visit', soon),
    onStream('event', e => { if (isVisitEvent(e)) soon(e) }),
    onStream('passage', p => { if (isVisitorPassage(p)) soon(p) }),
  ]
  onUnmounted(() => { off.forEach(f => f()); clearTimeout(timer) })
}
