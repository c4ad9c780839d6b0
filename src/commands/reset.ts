// `bocker-learn reset [--images] [--json]`: remove every bocker container's leftovers (exact names only).
import type { Command } from './command.js'
import { parseFlags } from './options.js'
import { runReset } from '../lab/reset.js'
import { notRootMessage } from '../lab/setup.js'

const usage = 'sudo bocker-learn reset [--images] [--json]'

const reset: Command = {
  usage,
  async run(argv, ctx) {
    const { values } = parseFlags(argv, { images: { type: 'boolean' }, json: { type: 'boolean' } }, usage)
    if (values.help) {
      ctx.out(`usage: ${usage}`)
      return 0
    }
    if (process.getuid?.() !== 0) {
      ctx.err(notRootMessage(ctx, 'reset'))
      return 2
    }
    const removed = await runReset({ images: values.images === true })
    if (values.json) ctx.out(JSON.stringify({ removed }, null, 2))
    else if (removed.length === 0) ctx.out(ctx.lang === 'ja' ? '消すものはありません (nothing to remove)' : 'nothing to remove')
    else for (const line of removed) ctx.out(line)
    return 0
  },
}
export default reset
