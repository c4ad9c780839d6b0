// What the command line says (help, usage errors, the commands' own lines), in Japanese.
import type { cli as en } from '../en/cli.js'

export const cli: Record<keyof typeof en, string> = {
  'cli.tagline': 'bocker-learn — p8952/bocker を1行ずつ実行してコンテナのしくみを学ぶ',
  'cli.usage': '使い方: {usage}',
  'cli.globalFlags': '--help, --version, --lang ja|en   （コマンドごとの説明は bocker-learn <command> --help）',
  'cli.error': 'bocker-learn: {message}',
  'cli.unknownCommand': '"{name}" というコマンドはありません{near}（bocker-learn --help を見てください）',
  'cli.didYouMean': '。"{name}" のことですか？',
  'cli.badLang': '--lang {value}: --lang ja か --lang en を指定してください',
  'cli.unknownOption': '{option} というオプションはありません。使い方: {usage}',
  'cli.badOption': '{problem}。使い方: {usage}',
  'cli.needsValue': '{option} には値が必要です。使い方: {usage}',
  'cli.takesNoValue': '{option} は値をとりません。使い方: {usage}',
  'cli.noSuchPath': 'そのファイルもディレクトリもありません: {path}',
  'cli.whichLesson': 'どのレッスンですか？ {usage}（一覧は `bocker-learn list`）',
  'cli.otherLang': '（{lang}）',
  'cli.phrase': '{phrase}',
  'cli.ok': 'ok {file}',
  'command.list': 'レッスンの一覧',
  'command.show': 'レッスンを表示する（何も実行しない）',
  'command.run': 'レッスンを1ステップずつ実際に実行する（root が必要）',
  'command.check': 'レッスンファイルの書式を検査する',
  'command.state': '今の bocker 関連の状態をネットワーク図つきで表示',
  'command.doctor': '実習環境がそろっているか調べる',
  'command.setup': '実習環境を作る（btrfs、bridge0、ベースイメージ）',
  'command.reset': 'コンテナの残りものを全部消す',
  'plan.badFrom': '--from {from}: ステップ番号 1〜{last} か、ステップの id（{ids}）を指定してください',
  'plan.missingArg': '引数 <{arg}> がありません: bocker-learn run {lesson} {usage}',
  'plan.badArg': '<{arg}> の "{value}" は使えません（{pattern} に合う必要があります）。`bocker-learn show {lesson}` を見てください',
  'plan.noImage': "'{value}' というイメージはありません（{path} がない）。実習用のイメージを使うか（`ls {dir}`）、`sudo bocker-learn setup` を実行してください",
  'plan.tooMany': '引数が多すぎます（{extra}）: bocker-learn run {lesson} {usage}'
}
