// Before a run: is the lab there? Each missing piece is one line with its fix; when `setup` can
// make what is missing, offer it right away (or just do it with --setup).
import enquirer from 'enquirer'
import type { Context } from '../core/context.js'
import { runDoctor, SETUP, SETUP_PACKAGES, type DoctorCheck } from '../lab/doctor.js'
import { runSetup } from '../lab/setup.js'
import { missingLine } from '../render/doctor.js'
import { t } from '../render/words/index.js'

const setupCanFix = (c: DoctorCheck): boolean => c.fix === SETUP || c.fix === SETUP_PACKAGES

export async function ensureLab (o: { ctx: Context, interactive: boolean, setup: boolean, unmarked: boolean }): Promise<boolean> {
  const { lang } = o.ctx
  const missing = (await runDoctor()).filter(c => (c.blocking || c.id === 'lab-marker') && !c.ok)
  if (missing.length === 0) return true
  if (o.unmarked) o.ctx.err(t(lang, 'lab.preflight.unmarked'))
  const orSetup = !o.interactive && !o.setup ? t(lang, 'lab.preflight.orSetup') : ''
  for (const c of missing) {
    if (!missing.some(cause => cause.id === c.because)) o.ctx.err(missingLine(c, lang) + (setupCanFix(c) ? orSetup : ''))
  }
  // setup cannot fix a full disk, a missing kernel feature or an old Node: say so and stop
  if (!missing.every(setupCanFix)) return false
  let setup = o.setup
  if (!setup && o.interactive) {
    setup = await new (enquirer as any).Confirm({ name: 'ok', message: t(lang, 'lab.preflight.askSetup'), initial: true }).run().catch(() => false) as boolean
  }
  if (!setup) return false
  const outcome = await runSetup({ packages: missing.some(c => c.fix === SETUP_PACKAGES), out: o.ctx.out, err: o.ctx.err })
  if (outcome !== 'done') return false
  return (await runDoctor()).every(c => !c.blocking || c.ok)
}
