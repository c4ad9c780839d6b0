// `bocker-learn state [--json] [--uuid ps_N]`: bocker's things as they are now, with the network picture.
import { UsageError } from '../core/errors.js'
import { isUuid } from '../lab/names.js'
import { ALL_PROBES, takeSnapshot } from '../observe/probes/index.js'
import { formatState } from '../render/state.js'
import { t } from '../render/words/index.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const command: Command = {
  usage: 'bocker-learn state [--json] [--uuid ps_NNNNN]',
  async run(argv, ctx) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' }, uuid: { type: 'string' } }, this.usage)
    if (values.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage: this.usage }))
      return 'done'
    }
    const uuid = values.uuid
    if (uuid !== undefined && !isUuid(uuid)) throw new UsageError('observe.badUuid', { uuid })
    const snapshot = await takeSnapshot([...ALL_PROBES], uuid ? { uuid } : undefined)
    if (values.json === true) ctx.out(JSON.stringify(snapshot, null, 2))
    else formatState(snapshot, ctx.lang).forEach(l => ctx.out(l))
    return 'done'
  },
}
export default command
