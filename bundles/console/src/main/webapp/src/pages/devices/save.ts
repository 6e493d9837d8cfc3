// Creates (POST) or replaces (PUT) a device or a zone; the server answers 201/200 or refuses in words.
import { api } from '../../api'

export async function saveRecord(collection: 'devices' | 'zones', isNew: boolean, body: { id: string }): Promise<void> {
  if (isNew) await api.post(`/${collection}`, body)
  else await api.put(`/${collection}/${encodeURIComponent(body.id)}`, body)
}
