// Before a run: is the lab there? Each missing piece is one line with its fix; when `setup` can
// make what is missing, offer it right away (or just do it with --setup).
import enquirer from 'enquirer'
import type { Context } from '../core/context.js'
import { runDoctor, SETUP, SETUP_PACKAGES, type DoctorCheck } from '../lab/doctor.js'
import { runSetup } from '../lab/setup.js'

export async function ensureLab (o: { ctx: Context, interactive: boolean, setup: boolean, unmarked: boolean }): Promise<boolean> {
  const missing = (await runDoctor({ lang: o.ctx.lang })).filter(c => (c.blocking || c.id === 'lab-marker') && !c.ok)
  if (missing.length === 0) return true
  const ja = o.ctx.lang === 'ja'
  if (o.unmarked) {
    o.ctx.err(ja
      ? 'このマシンはまだ実習用 VM として準備されていません。レッスンは root で本物のコマンドを実行するので、使い捨ての VM だけで使ってください。'
      : 'This machine is not set up as a lab VM yet. Lessons run real commands as root: use a throw-away VM only.')
  }
  const setupCanFix = (c: DoctorCheck): boolean => c.fix === SETUP || c.fix === SETUP_PACKAGES
  const line = (c: DoctorCheck): string => `bocker-learn: ${c.detail}${c.fix ? `: ${c.fix}` : ''}${setupCanFix(c) && !o.interactive && !o.setup ? (ja ? '（または --setup を付ける）' : ' (or add --setup)') : ''}`
  for (const c of missing) if (!missing.some(cause => cause.id === c.because)) o.ctx.err(line(c))
  // setup cannot fix a full disk, a missing kernel feature or an old Node: say so and stop
  if (!missing.every(setupCanFix)) return false
  let setup = o.setup
  if (!setup && o.interactive) {
    const q = ja ? '実習環境が足りません。今 `bocker-learn setup` を実行しますか？' : 'The lab is incomplete. Run `bocker-learn setup` now?'
    setup = await new (enquirer as any).Confirm({ name: 'ok', message: q, initial: true }).run().catch(() => false) as boolean
  }
  if (!setup) return false
  const code = await runSetup({ packages: missing.some(c => c.fix === SETUP_PACKAGES), ctx: o.ctx })
  if (code !== 0) return false
  return (await runDoctor({ lang: o.ctx.lang })).every(c => !c.blocking || c.ok)
}
