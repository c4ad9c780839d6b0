// Before a run: is the lab there? If not, say what is missing and offer `setup` right away.
import enquirer from 'enquirer'
import type { Context } from './commands/command.js'
import { runDoctor } from './lab/doctor.js'
import { runSetup } from './lab/setup.js'

export async function ensureLab (o: { ctx: Context, interactive: boolean, setup: boolean, unmarked: boolean }): Promise<boolean> {
  const missing = (await runDoctor({ lang: o.ctx.lang })).filter(c => (c.blocking || c.id === 'lab-marker') && !c.ok)
  if (missing.length === 0) return true
  if (o.unmarked) {
    o.ctx.err(o.ctx.lang === 'ja'
      ? 'このマシンはまだ実習用 VM として準備されていません。レッスンは root で本物のコマンドを実行するので、使い捨ての VM だけで使ってください。'
      : 'This machine is not set up as a lab VM yet. Lessons run real commands as root: use a throw-away VM only.')
  }
  for (const c of missing) o.ctx.err(`  NG ${c.detail}${c.fix ? `  → ${c.fix}` : ''}`)
  let setup = o.setup
  if (!setup && o.interactive) {
    const q = o.ctx.lang === 'ja' ? '実習環境が足りません。今 `bocker-learn setup` を実行しますか？' : 'The lab is incomplete. Run `bocker-learn setup` now?'
    setup = await new (enquirer as any).Confirm({ name: 'ok', message: q, initial: true }).run().catch(() => false) as boolean
  }
  if (!setup) {
    o.ctx.err(o.ctx.lang === 'ja' ? '実習環境がありません: `sudo bocker-learn setup` を実行するか --setup を付けてください' : 'the lab is missing: run `sudo bocker-learn setup` or add --setup')
    return false
  }
  const code = await runSetup({ packages: false, ctx: o.ctx })
  if (code !== 0) return false
  return (await runDoctor({ lang: o.ctx.lang })).every(c => !c.blocking || c.ok)
}
