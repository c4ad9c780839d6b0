// The command table: names and one-line summaries stay here so `--help` loads no command module
// (run pulls in the stepper, the probes and enquirer; that would double the start-up time).
import type { Command } from './command.js'
import type { Lang } from '../core/context.js'

export interface CommandEntry {
  summary: Record<Lang, string>
  load: () => Promise<{ default: Command }>
}

const entry = (file: string, ja: string, en: string): CommandEntry =>
  ({ summary: { ja, en }, load: async () => await import(`./${file}.js`) as { default: Command } })

export const COMMANDS: Record<string, CommandEntry> = {
  list: entry('list', 'レッスンの一覧', 'List the lessons'),
  show: entry('show', 'レッスンを表示する（何も実行しない）', 'Show a lesson (nothing is run)'),
  run: entry('run', 'レッスンを1ステップずつ実際に実行する（root が必要）', 'Run a lesson step by step, for real (needs root)'),
  check: entry('check', 'レッスンファイルの書式を検査する', 'Lint lesson files'),
  state: entry('state', '今の bocker 関連の状態をネットワーク図つきで表示', 'Show bocker-related state now, with a network picture'),
  doctor: entry('doctor', '実習環境がそろっているか調べる', 'Check that this machine is ready for the lab'),
  setup: entry('setup', '実習環境を作る (btrfs, bridge0, ベースイメージ)', 'Prepare the lab (btrfs, bridge0, base image)'),
  reset: entry('reset', 'コンテナの残りものを全部消す', 'Remove every leftover bocker container')
}
