// `bocker-learn doctor [--json]`: is this machine ready for bocker? Exit 1 when something blocking is missing.
import kleur from 'kleur'
import type { Command } from './command.js'
import type { Lang } from '../core/context.js'
import { parseFlags } from './options.js'
import { runDoctor, type DoctorCheck } from '../lab/doctor.js'

const usage = 'bocker-learn doctor [--json]'
const fixLabel: Record<Lang, string> = { ja: '直し方', en: 'fix' }

// The words ok / NG / warn carry the meaning; colour only repeats it.
function status(c: DoctorCheck): string {
  if (c.ok) return kleur.green('ok  ')
  return c.blocking ? kleur.red().bold('NG  ') : kleur.yellow('warn')
}

export function formatChecks(checks: DoctorCheck[], lang: Lang): string[] {
  const width = Math.max(...checks.map((c) => c.id.length))
  const lines: string[] = []
  for (const c of checks) {
    lines.push(`${status(c)}  ${c.id.padEnd(width)}  ${c.detail}`)
    if (!c.ok && c.fix) lines.push(`${' '.repeat(6 + width + 2)}${fixLabel[lang]}: ${c.fix}`)
  }
  return lines
}

const doctor: Command = {
  usage,
  async run(argv, ctx) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } }, usage)
    if (values.help) {
      ctx.out(`usage: ${usage}`)
      return 0
    }
    const checks = await runDoctor({ lang: ctx.lang })
    if (values.json) ctx.out(JSON.stringify(checks, null, 2))
    else for (const line of formatChecks(checks, ctx.lang)) ctx.out(line)
    return checks.some((c) => c.blocking && !c.ok) ? 1 : 0
  },
}
export default doctor
