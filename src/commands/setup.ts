// `bocker-learn setup [--packages] [--undo]`: make (or remove) the lab with scripts/provision.sh.
import type { Command } from './command.js'
import { parseFlags } from './options.js'
import { runSetup } from '../lab/setup.js'

const usage = 'sudo bocker-learn setup [--packages] [--undo]'

const setup: Command = {
  usage,
  async run(argv, ctx) {
    const { values } = parseFlags(argv, { packages: { type: 'boolean' }, undo: { type: 'boolean' } }, usage)
    if (values.help) {
      ctx.out(`usage: ${usage}`)
      return 0
    }
    return runSetup({ packages: values.packages === true, undo: values.undo === true, ctx })
  },
}
export default setup
