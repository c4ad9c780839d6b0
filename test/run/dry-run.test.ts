import { describe, expect, it } from 'vitest'
import { isAssignmentOnly, substitute } from '../../src/run/dry-run.js'

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
