// Before `run`: each missing piece of the lab in one line with its fix; when `setup` can make what is
// missing, offer it right away (or just do it with --setup).
import type { Context } from '../core/context.js'
import { runSetup } from '../lab/setup.js'
import { missingLine } from '../render/doctor.js'
import { loadEnquirer, yesNo } from '../render/terminal/prompts.js'
import { t } from '../render/words/index.js'
import { type LabGaps, labReady, setupFixes } from '../run/preflight.js'

export async function ensureLab(o: {
  ctx: Context
  interactive: boolean
  setup: boolean
  unmarked: boolean
  gaps: Promise<LabGaps>
  services: readonly string[]
}): Promise<boolean> {
  const { lang } = o.ctx
  const gaps = await o.gaps
  if (gaps.missing.length === 0) return true
  if (o.unmarked) o.ctx.err(t(lang, 'lab.preflight.unmarked'))
  const orSetup = !o.interactive && !o.setup ? t(lang, 'lab.preflight.orSetup') : ''
  for (const c of gaps.missing) o.ctx.err(missingLine(c, lang) + (setupFixes(c) ? orSetup : ''))
  if (!gaps.setupCanFix) return false
  let setup = o.setup
  if (!setup && o.interactive) {
    // nothing exists yet that a signal here could leave behind: enquirer's own exit on Ctrl-C is fine
    const { Confirm } = await loadEnquirer()
    setup = (await new Confirm({ name: 'ok', message: t(lang, 'lab.preflight.askSetup'), initial: true, format: yesNo(lang) })
      .run()
      .catch(() => false)) as boolean
  }
  if (!setup) return false
  const outcome = await runSetup({ packages: gaps.needsPackages, out: o.ctx.out, err: o.ctx.err })
  return outcome === 'done' && (await labReady(o.services))
}
