// After bocker's line of a step marked allocates=tmpdir or allocates=image: what it made is written
// down (so a quit or a crash leaves nothing half-made), and an image id already taken is drawn again.
import { claimImage, hold, TMP_ID_RE } from '../lab/holdings.js'
import { isImage } from '../lab/names.js'
import type { Holding } from '../lesson/types.js'
import type { StepContext } from './step.js'

export async function settleHolding(kind: Holding, o: StepContext): Promise<'ok' | 'retry' | 'bad'> {
  const read = async (name: string): Promise<string> => (await o.session.run(`printf %s "\${${name}-}"`, { timeoutMs: 5000 })).output
  if (kind === 'tmpdir') {
    const id = await read('tmp_uuid')
    if (!TMP_ID_RE.test(id)) return 'bad'
    hold(o.lesson.name, 'tmpIds', id)
    return 'ok'
  }
  const uuid = await read('uuid')
  if (!isImage(uuid)) return 'bad'
  const claimed = claimImage(o.lesson.name, uuid)
  if (claimed.ok) return 'ok'
  o.events.take({ type: 'uuid', kind: 'retry', uuid, problem: { kind: 'exists', uuid, path: claimed.path } })
  return 'retry'
}
