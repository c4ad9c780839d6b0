import { describe, expect, it } from 'vitest'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { planSteps } from '../../src/plan/plan.js'
import { dryRun, isAssignmentOnly, substitute } from '../../src/run/dry-run.js'

describe('dry run', () => {
  it.each([
    ['uuid="ps_$(shuf -i 42002-42254 -n 1)"', true],
    [`cmd="\${@:2}" && ip="$(echo "\${uuid: -3}" | sed 's/0//g')" && mac="\${uuid: -3:1}:\${uuid: -2}"`, true],
    ['ip link add dev veth0_"$uuid" type veth', false],
    ['x=1; rm -rf /', false],
    ['x=$(ip link) && y=2 | tee f', false],
  ])('evaluates only assignment steps: %s', (code, expected) => {
    expect(isAssignmentOnly(code)).toBe(expected)
  })
  it('substitutes what it knows and leaves the rest', () => {
    const vars = new Map([
      ['uuid', 'ps_42032'],
      ['cmd', 'echo hi; ps'],
    ])
    expect(substitute('ip link add dev veth0_"$uuid" type veth peer name veth1_"$uuid"', vars, [])).toBe(
      'ip link add dev veth0_ps_42032 type veth peer name veth1_ps_42032',
    )
    expect(substitute('echo "$cmd" > "$btrfs_path/$uuid/$uuid.cmd"', vars, [])).toBe(
      'echo "echo hi; ps" > "$btrfs_path/ps_42032/ps_42032.cmd"',
    )
    expect(substitute('snap "$1" ${@:2}', vars, ['img_1', 'a b', 'c'])).toBe("snap img_1 'a b' 'c'")
  })
})

describe('what bash never expands', () => {
  const vars = new Map([['token', 'T']])
  it.each([
    [`awk -F ': *' '$1 == "X" { print $2 }'`, ['a', 'b'], `awk -F ': *' '$1 == "X" { print $2 }'`],
    [`t="$(curl -H "A: $token" | awk '{ print $1 }')" "$1"`, ['a'], `t="$(curl -H "A: T" | awk '{ print $1 }')" a`],
    [`echo "it's $1"`, ['a'], `echo "it's a"`],
    [`echo '$1' "$1" \\'$1`, ['a'], `echo '$1' a \\'a`],
    [`( x=$(echo '$1') ); echo $1`, ['a'], `( x=$(echo '$1') ); echo a`],
  ])('%s', (code, positional, expected) => {
    expect(substitute(code, vars, positional)).toBe(expected)
  })
})

describe('bocker_pull, dry', () => {
  it('leaves a value made by a program that is not run (curl, uuidgen) as it is, not empty', () => {
    const lesson = loadLesson(findLesson('bocker_pull', 'en'))
    const d = dryRun(lesson, planSteps(lesson, 'v1'), ['busybox', '2layer'], undefined)
    const code = (id: string): string => d.steps.find(s => s.id === id)!.code.join('\n')
    expect(code('v1-tag')).toContain('Authorization: Token $token')
    expect(code('v1-tag')).toContain('/repositories/busybox/tags/2layer')
    expect(code('v1-token')).toContain(`'$1 == "X-Docker-Token" { print $2 }'`)
    expect(code('pull-cleanup')).toContain('rm -rf /tmp/"$tmp_uuid"')
  })
})

describe('what the dry run puts in, as bash would', () => {
  const vars = new Map([
    ['uuid', 'ps_42032'],
    ['cmd', `echo "PID $$"; ps`],
  ])
  it.each([
    ['show_args() { echo "\\$1 = $1"; }; show_args "$1"', ['img_1'], 'show_args() { echo "\\$1 = $1"; }; show_args img_1'],
    ['echo "cmd=$cmd" "$cmd" $cmd', [], `echo "cmd=echo \\"PID \\$\\$\\"; ps" "echo \\"PID \\$\\$\\"; ps" 'echo "PID $$"; ps'`],
    ['echo "${uuid: -3}" ${#uuid} ${cmd:-x} $$', [], 'echo "${uuid: -3}" ${#uuid} ${cmd:-x} $$'],
    ['function f { echo "$@"; }; f "$@"; echo "all: $@"', ['a b', 'c'], `function f { echo "$@"; }; f 'a b' 'c'; echo "all: a b c"`],
  ])('%s', (code, positional, expected) => {
    expect(substitute(code, vars, positional)).toBe(expected)
  })
})
