// `bocker-learn reset [--images] [--json]`: remove every bocker container's leftovers (exact names only).

import { isRoot } from '../core/host.js'
import { clearProgress, PROGRESS_FILE } from '../course/progress.js'
import { runReset } from '../lab/reset.js'
import { describeRemoved } from '../render/removed.js'
import { t } from '../render/words/index.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const usage = 'sudo bocker-learn reset [--images] [--progress] [--json]'

const reset: Command = {
  usage,
  async run(argv, ctx) {
    const { values } = parseFlags(argv, { images: { type: 'boolean' }, progress: { type: 'boolean' }, json: { type: 'boolean' } }, usage)
    if (values.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage }))
      return 'done'
    }
    if (!isRoot()) {
      ctx.err(t(ctx.lang, 'lab.notRoot', { what: 'reset' }))
      return 'usage'
    }
    const removed = await runReset({ images: values.images === true })
    if (values.progress && clearProgress()) removed.push({ what: 'progress', name: PROGRESS_FILE, ok: true })
    if (values.json) ctx.out(JSON.stringify({ removed }, null, 2))
    else if (removed.length === 0) ctx.out(t(ctx.lang, 'lab.reset.nothing'))
    else for (const r of removed) ctx.out(describeRemoved(r, ctx.lang))
    return 'done'
  },
}
export default reset
