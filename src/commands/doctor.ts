// `bocker-learn doctor [--json]`: is this machine ready for bocker? 'failed' when something blocking is missing.

import { runDoctor } from '../lab/doctor.js'
import { checksAsJson, formatChecks } from '../render/doctor.js'
import { t } from '../render/words/index.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const usage = 'bocker-learn doctor [--json]'

const doctor: Command = {
  usage,
  async run(argv, ctx) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } }, usage)
    if (values.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage }))
      return 'done'
    }
    const checks = await runDoctor()
    if (values.json) ctx.out(JSON.stringify(checksAsJson(checks, ctx.lang), null, 2))
    else for (const line of formatChecks(checks, ctx.lang)) ctx.out(line)
    return checks.some(c => c.blocking && !c.ok) ? 'failed' : 'done'
  },
}
export default doctor
