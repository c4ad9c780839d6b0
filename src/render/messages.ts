// Every sentence the stepper says, in Japanese (primary) and English.
import type { Lang } from '../commands/command.js'

const MESSAGES: Record<string, Record<Lang, string>> = {
  'block.step': { ja: '▶ 実行する行（bocker）', en: '▶ The line to run (bocker)' },
  'block.try': { ja: '▶ 試してみる', en: '▶ Try it' },
  'block.check': { ja: '✓ 確かめる', en: '✓ Check' },
  'block.prelude': { ja: '準備（レッスン開始時に実行）', en: 'Setup (runs when the lesson starts)' },
  'block.teardown': { ja: '後片付け（終了時に実行）', en: 'Teardown (runs at the end)' },
  'block.example': { ja: '例（実行しません）', en: 'Example (not run)' },
  'step.header': { ja: 'ステップ {n}/{total}  [{id}]', en: 'Step {n}/{total}  [{id}]' },
  'ask.message': { ja: 'どうしますか？', en: 'What next?' },
  'ask.run': { ja: '実行する', en: 'Run it' },
  'ask.skip': { ja: 'とばす', en: 'Skip' },
  'ask.back': { ja: '前のステップをもう一度見る', en: 'Show the previous step again' },
  'ask.reread': { ja: 'もう一度読む', en: 'Read again' },
  'ask.state': { ja: '今のシステムの状態を見る', en: 'Show the system state now' },
  'ask.shell': { ja: 'ここでシェルを開く（exit で戻る）', en: 'Open a shell here (exit to come back)' },
  'ask.quit': { ja: '終了する（後片付けをします）', en: 'Quit (with teardown)' },
  'result.ok': { ja: '終了ステータス {status}（成功） {ms}', en: 'exit status {status} (ok) {ms}' },
  'result.expected': { ja: '終了ステータス {status}（このステップでは想定どおり） {ms}', en: 'exit status {status} (expected for this step) {ms}' },
  'result.failed': { ja: '終了ステータス {status}（失敗） {ms}', en: 'exit status {status} (failed) {ms}' },
  'result.pipestatus': { ja: 'パイプラインの各コマンド: {ps}', en: 'each command of the pipeline: {ps}' },
  'result.interrupted': { ja: '中断しました（Ctrl-C）。このステップのプロセスを止めました', en: 'Interrupted (Ctrl-C): the step\'s processes were stopped' },
  'result.timeout': { ja: '{sec} 秒たっても終わらないので止めました（タイムアウト）', en: 'Stopped after {sec} s (timeout)' },
  'result.exit': { ja: 'このステップは exit {code} を実行しました。bocker ならここで終了します', en: 'This step ran `exit {code}`: bocker would stop here' },
  'result.options': { ja: 'このステップが変えたシェルのオプション（{opts}）は元に戻しました', en: 'Shell options the step changed ({opts}) were put back' },
  'result.died': { ja: 'レッスンのシェル（bash）が終了してしまいました: {why}', en: 'The lesson shell (bash) ended: {why}' },
  'check.ok': { ja: '✓ 確認OK: {label}', en: '✓ holds: {label}' },
  'check.failed': { ja: '✗ 確認NG: {label}（終了ステータス {status}）', en: '✗ FAILED claim: {label} (exit status {status})' },
  'skip.when': { ja: 'cgroup {mode} のマシンなので、このレッスンでは {n} 個のステップを省きます: {ids}', en: 'This machine is cgroup {mode}: {n} steps for the other mode are left out: {ids}' },
  'run.cgroup': { ja: 'cgroup のモード: {mode}', en: 'cgroup mode: {mode}' },
  'run.quiet': { ja: 'ステップ {n} まで静かに実行しています…', en: 'Running the steps before {n} quietly…' },
  'run.quietStep': { ja: '  済 {id}', en: '  done {id}' },
  'run.done': { ja: 'レッスン完了。おつかれさまでした！', en: 'Lesson complete. Well done!' },
  'run.btrfsFull': { ja: '{path} の btrfs がいっぱいです（空き {free} MiB）。`sudo bocker-learn reset` で残ったコンテナを消してください', en: 'The btrfs on {path} is full ({free} MiB free): `sudo bocker-learn reset` removes leftover containers' },
  'run.failed': { ja: 'ステップ {id} が失敗したので、ここで止めます', en: 'Step {id} failed: stopping here' },
  'run.claimsFailed': { ja: '{n} 個の確認が NG でした', en: '{n} claim(s) failed' },
  'run.quit': { ja: '終了します', en: 'Quitting' },
  'run.uuid': { ja: 'uuid {uuid}（IP {ip}）を確保しました', en: 'Claimed uuid {uuid} (IP {ip})' },
  'run.uuidRetry': { ja: 'uuid {uuid} は使えません（{why}）。もう一度選びます', en: 'uuid {uuid} is taken ({why}); picking again' },
  'run.uuidPinned': { ja: '--uuid の指定どおり uuid={uuid} にします', en: 'Pinned by --uuid: uuid={uuid}' },
  'run.teardown': { ja: '後片付けをしています…', en: 'Tearing down…' },
  'run.keepAsk': { ja: 'コンテナ {uuid}（サブボリュームと cgroup）は bocker と同じく残っています。削除しますか？', en: 'Container {uuid} (its subvolume and cgroups) remains, as in bocker. Remove it?' },
  'run.kept': { ja: 'コンテナ {uuid} を残しました。あとで `sudo bocker-learn reset` で消せます', en: 'Kept container {uuid}; `sudo bocker-learn reset` removes it later' },
  'run.removed': { ja: '削除: {what}', en: 'removed: {what}' },
  'run.orphans': { ja: '前回中断された実行の残り物があります: {uuids}', en: 'Leftovers of interrupted runs: {uuids}' },
  'run.orphansAsk': { ja: '今すぐ片付けますか？', en: 'Clean them up now?' },
  'state.none': { ja: '（変化なし）', en: '(no change)' },
  'state.title': { ja: 'システムの変化:', en: 'What changed:' },
  'shell.hint': { ja: 'レッスンのシェルの状態（変数・関数・引数）を引き継いだ bash です。exit で戻ります', en: 'A bash with the lesson shell\'s variables, functions and arguments. `exit` to come back' },
  'shell.back': { ja: 'レッスンに戻りました（シェルで変えた変数はレッスンには戻りません）', en: 'Back in the lesson (variables changed in that shell do not come back)' },
  'dry.header': { ja: '# {name} のドライラン: 何も実行しません。わかる変数は値に置き換えています', en: '# Dry run of {name}: nothing is run; variables that can be known are substituted' }
}

export function t (lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const text = MESSAGES[key]?.[lang] ?? key
  return text.replace(/\{(\w+)\}/g, (m, name: string) => name in vars ? String(vars[name]) : m)
}
