import { describe, expect, it } from 'vitest'
import { parseLesson } from '../../src/lesson/parse.js'
import { LessonError } from '../../src/lesson/types.js'
import { t } from '../../src/render/words/index.js'

const FM = '---\nsummary: s\nargs: image_id command...\nimage_id: img_1\n---\n'
const parse = (body: string) => parseLesson(FM + body, 'l.md', 'l', 'ja')
const problems = (body: string, fm = FM): string[] => {
  try {
    parseLesson(fm + body, 'l.md', 'l', 'ja')
    return []
  } catch (e) {
    return (e as LessonError).problems.map(p => `${p.line}: ${t('en', p.key, p.vars)}`)
  }
}

describe('parseLesson', () => {
  it('splits sections on --- and keeps runnable blocks in order', () => {
    const l = parse(
      'intro\n\n```bash prelude\nx=1\n```\n\n---\n\ntext\n\n```bash step id=one timeout=5 probe=net\necho 1\n```\n\n```bash try\necho t\n```\n\n```bash check\n# claim\ntrue\n```\n\n```bash\nnot run\n```\n\n---\n\n```bash step id=two when=cgroup-v2 allocates=uuid\necho 2\n```\n',
    )
    expect(l.prelude.map(b => b.code)).toEqual(['x=1'])
    expect(l.steps.map(s => s.id)).toEqual(['one', 'two'])
    expect(l.steps[0]!.blocks.map(b => b.role)).toEqual(['step', 'try'])
    expect(l.steps[0]!.checks.map(b => b.code)).toEqual(['# claim\ntrue'])
    expect(l.steps[0]!.timeoutSec).toBe(5)
    expect(l.steps[0]!.probes).toEqual(['net'])
    expect(l.steps[1]!.when).toBe('cgroup-v2')
    expect(l.steps[1]!.allocatesUuid).toBe(true)
    expect(l.args).toEqual([
      { name: 'image_id', rest: false, default: 'img_1', pattern: undefined, exists: undefined },
      { name: 'command', rest: true, default: undefined, pattern: undefined, exists: undefined },
    ])
  })

  it('gives true line numbers for blocks (front matter counted)', () => {
    const l = parse('intro\n\n---\n\n```bash step id=a\necho\n```\n')
    expect(l.steps[0]!.line).toBe(10)
  })

  it('reports every problem at once, with lines', () => {
    const p = problems(
      '---\n\n```bash step id=a wat=1\nx\n```\n\n---\n\n```bash step id=a\ny\n```\n\n```bash stpe\nz\n```\n\n---\n\n```bash check\ntrue\n```\n\n---\n\n```bash step id=b\nunclosed\n',
    )
    expect(p).toEqual(
      [
        '8: unknown step attribute "wat=1" (known: id=, when=, timeout=, tty, stdin=terminal, probe=, allocates=uuid, accept=)',
        '14: duplicate step id "a" (first used on line 8); ids must be unique',
        '18: unknown block role "stpe": use prelude, step, try, check, teardown, source, exercise or solution (display-only code uses a plain ```bash fence)',
        '24: `bash check` block outside a step: put it in the same section as a `bash step` block',
        '30: code fence is never closed: add a closing ``` line',
      ].map(s => s),
    )
  })

  it('flags a --- that became a heading, and bad front matter', () => {
    expect(problems('text\n---\n\n```bash step id=a\nx\n```\n')[0]).toMatch(/blank line before it/)
    expect(problems('x', '---\nargs: a\nwhat: 1\n---\n')).toEqual(
      expect.arrayContaining([
        '1: front matter needs `summary: <one line>`',
        '3: unknown front matter key "what" (known: summary, args, timeout, services, needs, <arg>, <arg>.pattern, <arg>.exists)',
      ]),
    )
    expect(problems('x', 'no front matter\n')[0]).toMatch(/^1: missing front matter/)
  })

  it('flags an attribute given twice', () => {
    expect(problems('---\n\n```bash step id=a accept=0,1 accept=0,1\nx\n```\n')).toEqual([
      '8: step attribute "accept" is given twice: keep one',
    ])
  })

  it('reads stdin=terminal, and flags a bad value or one next to tty', () => {
    expect(problems('---\n\n```bash step id=a stdin=terminal\nx\n```\n')).toEqual([])
    expect(problems('---\n\n```bash step id=a stdin=tty\nx\n```\n')).toEqual(['8: stdin=tty: the only value is stdin=terminal'])
    expect(problems('---\n\n```bash step id=a tty stdin=terminal\nx\n```\n')).toEqual([
      '8: a tty step has the terminal already: drop stdin=terminal',
    ])
  })

  it('carries words keys and values, not sentences', () => {
    try {
      parseLesson(`${FM}---\n\n\`\`\`bash step id=a when=v3\nx\n\`\`\`\n`, 'l.md', 'l', 'ja')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(LessonError)
      expect((e as LessonError).problems).toEqual([{ file: 'l.md', line: 8, key: 'lesson.step.badWhen', vars: { value: 'v3' } }])
    }
  })

  it('needs at least one step', () => {
    expect(problems('just prose\n')).toEqual(['1: no runnable step: mark the line under study with ```bash step id=…'])
  })

  it('reads services and allocates=image|tmpdir, and flags unknown ones', () => {
    const l = parseLesson(
      '---\nsummary: s\nservices: registry\n---\n\n---\n\n```bash step id=a allocates=tmpdir\nx\n```\n\n---\n\n```bash step id=b allocates=image\ny\n```\n',
      'l.md',
      'l',
      'ja',
    )
    expect(l.services).toEqual(['registry'])
    expect(l.steps.map(s => s.holds)).toEqual(['tmpdir', 'image'])
    expect(problems('x', '---\nsummary: s\nservices: registry, mirror\n---\n')).toEqual(
      expect.arrayContaining(['3: unknown service "mirror" (known: registry)']),
    )
    expect(problems('---\n\n```bash step id=a allocates=disk\nx\n```\n')).toEqual([
      '8: allocates=disk: use allocates=uuid, allocates=image or allocates=tmpdir',
    ])
  })
})

describe('exercises and bocker source', () => {
  const lesson = (body: string) => `---\nsummary: s\n---\n# t\n\n---\n\n\`\`\`bash step id=one\necho\n\`\`\`\n\n---\n\n${body}`
  it('an exercise section: its check, hints in order, one solution', () => {
    const l = parseLesson(
      lesson(
        '```bash exercise id=ex timeout=60\n# done\ncheck\n```\n\n```text hint\nh1\n```\n\n```text hint\nh2\n```\n\n```bash solution\nsolve\n```\n',
      ),
      'f.md',
      'f',
      'en',
    )
    const ex = l.steps.at(-1)!
    expect(ex.id).toBe('ex')
    expect(ex.timeoutSec).toBe(60)
    expect(ex.exercise).toMatchObject({ check: { code: '# done\ncheck' }, solution: { code: 'solve' }, hints: ['h1', 'h2'] })
    expect(ex.blocks).toEqual([])
  })
  it.each([
    ['no solution', '```bash exercise id=ex\ncheck\n```\n', 'lesson.exercise.noSolution'],
    [
      'two solutions',
      '```bash exercise id=ex\nc\n```\n\n```bash solution\na\n```\n\n```bash solution\nb\n```\n',
      'lesson.exercise.twoSolutions',
    ],
    [
      'a step with it',
      '```bash step id=two\nx\n```\n\n```bash exercise id=ex\nc\n```\n\n```bash solution\na\n```\n',
      'lesson.exercise.withStep',
    ],
    ['a solution elsewhere', '```bash step id=two\nx\n```\n\n```bash solution\na\n```\n', 'lesson.exercise.stray'],
    ['a bad attribute', '```bash exercise id=ex tty\nc\n```\n\n```bash solution\na\n```\n', 'lesson.exercise.badAttr'],
    ['a bad source attribute', '```bash source part=middle\nx\n```\n', 'lesson.source.badAttr'],
  ])('%s is a problem', (_, body, key) => {
    expect(() => parseLesson(lesson(body), 'f.md', 'f', 'en')).toThrow(key)
  })
  it('bash source blocks are collected from any section, not run', () => {
    const l = parseLesson(
      lesson('```bash source part=head\nhead\n```\n\n```bash source when=cgroup-v2\nfunction f() {\n}\n```\n'),
      'f.md',
      'f',
      'en',
    )
    expect(l.sources.map(s => [s.part, s.when, s.code])).toEqual([
      ['head', undefined, 'head'],
      [undefined, 'cgroup-v2', 'function f() {\n}'],
    ])
  })
  it('needs and a {container} default go together', () => {
    expect(() => parseLesson('---\nsummary: s\nargs: c\nc: {container}\n---\n```bash step id=a\nx\n```\n', 'f.md', 'f', 'en')).toThrow(
      'lesson.frontMatter.defaultNotNeeded',
    )
    const l = parseLesson(
      '---\nsummary: s\nneeds: container image\nargs: c\nc: {container}\n---\n```bash step id=a\nx\n```\n',
      'f.md',
      'f',
      'en',
    )
    expect(l.needs).toEqual(['container', 'image'])
  })
})
