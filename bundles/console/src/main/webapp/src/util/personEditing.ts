// Creating, editing and deleting persons from a list (people and watchlist pages).
import { ref } from 'vue'
import { api } from '../api'
import { i18n } from '../i18n'
import { useAction } from './action'
import type { Person } from './person'

/**
 * @param reload   reloads the list after a change
 * @param texts    i18n keys of the delete confirmation and of the done message ({name})
 * @param deleted  called after a person was deleted
 */
export function usePersonEditing(reload: () => unknown, texts: { confirm: string; deleted: string },
                                 deleted?: (p: Person) => void) {
  const t = i18n.global.t
  /** the person in the form: undefined = no form, null = a new person */
  const editing = ref<Person | null | undefined>(undefined)
  const act = useAction()

  function saved(p: Person) {
    editing.value = undefined
    act.clear()
    act.message = t('personForm.saved', { name: p.name })
    void reload()
  }

  async function remove(p: Person) {
    if (!confirm(t(texts.confirm, { name: `${p.name} (${p.id})` }))) return
    const ok = await act.run(async () => {
      await api.del(`/persons/${encodeURIComponent(p.id)}`)
      return t(texts.deleted, { name: p.name })
    })
    if (ok) {
      deleted?.(p)
      void reload()
    }
  }

  return { editing, act, saved, remove }
}
