// `bocker-learn setup [--packages] [--undo]`: make (or remove) the lab with scripts/provision.sh.

import { isRoot } from '../core/host.js'
import { runReset } from '../lab/reset.js'
import { runSetup } from '../lab/setup.js'
import { describeRemoved } from '../render/removed.js'
import { t } from '../render/words/index.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const usage = 'sudo bocker-learn setup [--packages] [--undo]'

const setup: Command = {
  usage,
  async run(argv, ctx) {
    const { values } = parseFlags(argv, { packages: { type: 'boolean' }, undo: { type: 'boolean' } }, usage)
    if (values.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage }))
      return 'done'
    }
    if (!isRoot()) {
      ctx.err(t(ctx.lang, 'lab.notRoot', { what: 'setup' }))
      return 'usage'
    }
    // undo: containers and images first, or their subvolumes would keep the btrfs busy
    if (values.undo === true) for (const r of await runReset({ images: true })) ctx.out(describeRemoved(r, ctx.lang))
    return await runSetup({ packages: values.packages === true, undo: values.undo === true, out: ctx.out, err: ctx.err })
  },
}
export default setup
