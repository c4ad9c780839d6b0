import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const repo = new URL('../..', import.meta.url).pathname
const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0

describe('provisioning files', () => {
  it('provision.sh is valid bash and explains its flags', () => {
    execFileSync('bash', ['-n', join(repo, 'scripts/provision.sh')])
    const help = execFileSync('bash', [join(repo, 'scripts/provision.sh'), '--help'], { encoding: 'utf8' })
    for (const flag of ['--packages', '--node', '--nat', '--size', '--undo', '--debian-image']) expect(help).toContain(flag)
    const bad = spawnSync('bash', [join(repo, 'scripts/provision.sh'), '--bogus'], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
  })

  it.skipIf(!has('cloud-init') && !process.env.CI)('cloud-init user-data passes cloud-init schema validation', () => {
    const r = spawnSync('cloud-init', ['schema', '--config-file', join(repo, 'cloud-init/user-data.yaml')], { encoding: 'utf8' })
    expect(r.stdout + r.stderr).toContain('Valid cloud-config')
    expect(r.status).toBe(0)
  })

  // `vagrant validate` needs a provider (none here); --ignore-provider checks everything else.
  it.skipIf(!has('vagrant') && !process.env.CI)(
    'the Vagrantfile passes vagrant validate',
    () => {
      const dotfile = mkdtempSync(join(tmpdir(), 'bl-vagrant-'))
      try {
        const r = spawnSync('vagrant', ['validate', '--ignore-provider'], {
          cwd: repo,
          encoding: 'utf8',
          env: { ...process.env, VAGRANT_DOTFILE_PATH: dotfile, VAGRANT_CHECKPOINT_DISABLE: '1' },
        })
        expect(r.stdout).toContain('Vagrantfile validated successfully')
        expect(r.status).toBe(0)
      } finally {
        rmSync(dotfile, { recursive: true, force: true })
      }
    },
    30_000,
  )
})
