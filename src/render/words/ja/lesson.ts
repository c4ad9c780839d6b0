// What the lesson stage says (problems in a lesson file, for its author; lessons not found), in Japanese.
import type { lesson as en } from '../en/lesson.js'

export const lesson: Record<keyof typeof en, string> = {
  'lesson.noFile': 'そのレッスンファイルはありません: {path}（一覧は `bocker-learn list`）',
  'lesson.unknown': '"{name}" というレッスンはありません（レッスン: {names}）',
  'lesson.unknownNear': '"{name}" というレッスンはありません。"{near}" のことですか？（レッスン: {names}）',
  'lesson.frontMatter.missing':
    'フロントマターがありません: ファイルの先頭に `---` の行、続けて `summary: …` と `args: …`、最後にもう一度 `---` の行を書いてください',
  'lesson.frontMatter.unclosed': 'フロントマターが閉じていません: 最後に `---` の行を足してください',
  'lesson.frontMatter.badLine': 'フロントマターのこの行は読めません: `key: value` の形で書いてください',
  'lesson.frontMatter.noSummary': 'フロントマターには `summary: <1行の説明>` が必要です',
  'lesson.frontMatter.badTimeout': 'timeout には正の秒数を書いてください',
  'lesson.frontMatter.badArgName': '引数名 "{arg}" は小文字とアンダースコア（lower_snake_case）で書いてください',
  'lesson.frontMatter.restNotLast': '"..." で終わってよいのは最後の引数だけです',
  'lesson.frontMatter.badPattern': '{key} は正規表現として正しくありません',
  'lesson.frontMatter.unknownKey':
    '"{key}" というフロントマターのキーはありません（使えるキー: summary, args, timeout, services, needs, <arg>, <arg>.pattern, <arg>.exists）',
  'lesson.noStep': '実行するステップがありません: 学ぶ行を ```bash step id=… のブロックに書いてください',
  'lesson.headingNotBreak': '文のすぐ下の `---` は区切りではなく見出しになります: `---` の前に空行を入れてください',
  'lesson.fenceUnclosed': 'コードブロックが閉じていません: 最後に ``` の行を足してください',
  'lesson.block.unknownRole':
    '"{role}" というブロックの役割はありません: prelude, step, try, check, teardown, source, exercise, solution のどれかにしてください（表示するだけのコードは ```bash だけにします）',
  'lesson.block.noAttributes': '`bash {role}` のブロックには属性を書けません（書かれていたもの: "{attrs}"）',
  'lesson.block.outsideStep': '`bash {role}` のブロックがステップの外にあります: `bash step` のブロックと同じセクションに入れてください',
  'lesson.step.duplicateId': 'ステップの id "{id}" が重なっています（{first} 行目で使用済み）。id はレッスンの中で一つずつ別にしてください',
  'lesson.step.second':
    '1つのセクションに `bash step` のブロックが2つあります（1つめは {first} 行目）。ステップの間は --- の行で区切ってください',
  'lesson.step.noId': 'step のブロックには id が必要です: ```bash step id=some-name',
  'lesson.step.badId': 'ステップの id "{id}" には小文字の英字、数字、- だけを使ってください',
  'lesson.step.attrTwice': 'ステップの属性 "{key}" が2回書かれています: 1つにしてください',
  'lesson.step.unknownAttr':
    '"{attr}" というステップの属性はありません（使える属性: id=, when=, timeout=, tty, stdin=terminal, probe=, allocates=uuid, accept=）',
  'lesson.step.badWhen': 'when={value}: when=cgroup-v1 か when=cgroup-v2 を指定してください',
  'lesson.step.badTimeout': 'timeout={value}: 正の秒数を指定してください',
  'lesson.step.badStdin': 'stdin={value}: 指定できるのは stdin=terminal だけです',
  'lesson.step.badAccept': 'accept={value}: 終了ステータスを並べてください（例: accept=0,1）',
  'lesson.step.badAllocates': 'allocates={value}: allocates=uuid、allocates=image、allocates=tmpdir のどれかにしてください',
  'lesson.frontMatter.unknownService': '不明なサービス「{name}」です（使えるもの: {known}）',
  'lesson.step.unknownProbe': '"{probe}" という観測（probe）はありません（使えるもの: net, btrfs, cgroup, proc, none）',
  'lesson.step.ttyStdin': 'tty のステップはもともと端末につながっています: stdin=terminal は消してください',
  'lesson.step.ttyUuid': 'tty のステップでは uuid を割り当てられません（そこで決めた変数はレッスンのシェルに戻りません）',
  'lesson.frontMatter.unknownNeed': '不明な needs「{name}」です（使えるもの: {known}）',
  'lesson.frontMatter.defaultNotNeeded': '{arg} の既定値 {{need}} を使うには、フロントマターに `needs: {need}` が必要です',
  'lesson.source.badAttr': '`bash source` に書ける属性は part=head、part=tail、when=cgroup-v1|cgroup-v2 です（書かれていたもの: "{attr}"）',
  'lesson.exercise.noSolution': '練習「{id}」のセクションには ```bash solution のブロックが1つ必要です',
  'lesson.exercise.twoSolutions': '練習「{id}」に ```bash solution が2つあります（1つめは {first} 行目）',
  'lesson.exercise.withStep': '練習のセクションには `bash step` を入れられません: 練習は --- で区切った別のセクションにしてください',
  'lesson.exercise.badAttr': '"{attr}" という練習の属性はありません（使える属性: id=, timeout=）',
  'lesson.exercise.stray': '`bash {role}` と `text hint` は練習のセクション（```bash exercise id=… のあるセクション）に書きます',
}
