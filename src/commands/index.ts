// The command table: names and one-line summaries stay here so `--help` loads no command module
// (run pulls in the stepper, the probes and enquirer; that would double the start-up time).
import type { Command, Lang } from './command.js'

export interface CommandEntry {
  summary: Record<Lang, string>
  load: () => Promise<{ default: Command }>
}

export const COMMANDS: Record<string, CommandEntry> = {
  list: {
    summary: { ja: 'レッスンの一覧', en: 'List the lessons' },
    load: async () => await import('./list.js')
  },
  show: {
    summary: { ja: 'レッスンを表示する（何も実行しない）', en: 'Show a lesson (nothing is run)' },
    load: async () => await import('./show.js')
  },
  run: {
    summary: { ja: 'レッスンを1ステップずつ実際に実行する（root が必要）', en: 'Run a lesson step by step, for real (needs root)' },
    load: async () => await import('./run.js')
  },
  check: {
    summary: { ja: 'レッスンファイルの書式を検査する', en: 'Lint lesson files' },
    load: async () => await import('./check.js')
  },
  state: {
    summary: { ja: '今の bocker 関連の状態をネットワーク図つきで表示', en: 'Show bocker-related state now, with a network picture' },
    load: async () => await import('./state.js')
  },
  doctor: {
    summary: { ja: '実習環境がそろっているか調べる', en: 'Check that this machine is ready for the lab' },
    load: async () => await import('./doctor.js')
  },
  setup: {
    summary: { ja: '実習環境を作る (btrfs, bridge0, ベースイメージ)', en: 'Prepare the lab (btrfs, bridge0, base image)' },
    load: async () => await import('./setup.js')
  },
  reset: {
    summary: { ja: 'コンテナの残りものを全部消す', en: 'Remove every leftover bocker container' },
    load: async () => await import('./reset.js')
  }
}
