// bocker_pull, every step for real against the lab's registry, as a learner runs it: the pulled
// image is bocker's (bocker images lists it, bocker_run runs it), and nothing else stays.
import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { cli, errLines, labReady } from './support/helpers.js'
import { createdImage, deleteImages, images, newImages, pullLeftovers } from './support/pull.js'

const before = labReady ? images() : []
afterAll(() => {
  if (labReady) deleteImages(newImages(before))
})

const claimsOf = (lang: 'ja' | 'en'): number => loadLesson(findLesson('bocker_pull', lang)).steps.reduce((n, s) => n + s.checks.length, 0)
const held = (out: string): number => out.split('\n').filter(l => /^✓ (確認OK|holds): /.test(l)).length

describe.runIf(labReady && existsSync('/var/lib/bocker-learn/registry/images.txt'))('lesson bocker_pull, for real', () => {
  it.each([
    ['ja', []],
    ['en', []],
    ['ja', ['busybox', '2layer']],
    ['en', ['library/busybox', 'latest']],
  ] as const)("%s %j: every step, every claim holds, the image is bocker's and runs", (lang, args) => {
    const r = cli(['run', 'bocker_pull', '--yes', '--lang', lang, ...args], { timeoutMs: 180_000 })
    expect(r.err).toBe('')
    expect(r.code, r.out.slice(-2000)).toBe(0)
    expect(held(r.out)).toBe(claimsOf(lang))
    const image = createdImage(r.out)!
    expect(image).toMatch(/^img_\d{5}$/)
    const source = `${args[0] ?? 'busybox'}:${args[1] ?? 'latest'}`
    expect(readFileSync(`/var/bocker/${image}/img.source`, 'utf8')).toBe(`${source}\n`)
    expect(pullLeftovers()).toEqual([])
    // the new image is one bocker_run takes
    const run = cli(['run', 'bocker_run', '--yes', '--lang', 'en', image, 'cat /etc/motd 2>/dev/null; ls /opt 2>/dev/null; echo ran'], {
      timeoutMs: 120_000,
    })
    expect(run.code, run.out.slice(-1500)).toBe(0)
    expect(run.out).toMatch(/^ran$/m)
    if (args[1] === '2layer') {
      // layer 2 added etc/motd and whited out opt/legacy
      expect(run.out).toMatch(/^hello from layer 2$/m)
      expect(existsSync(`/var/bocker/${image}/opt/legacy`)).toBe(false)
      expect(existsSync(`/var/bocker/${image}/opt/.wh.legacy`)).toBe(false)
      // PR #27's loop, tried on a copy, extracted nothing
      expect(r.out).toMatch(/Not found in archive/)
    }
  })

  it.each([
    ['busybox', 'nope'],
    ['nosuchimage', 'latest'],
    ['library/busybox', 'v1.0'],
  ])("%s:%s is not in the registry: its answer shown, bocker's line, exit 1, nothing left", (name, tag) => {
    const had = images()
    const r = cli(['run', 'bocker_pull', '--yes', '--lang', 'en', name, tag])
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/"code":"(MANIFEST_UNKNOWN|NAME_UNKNOWN)"/)
    expect(r.out).toContain(`No image named '${name}:${tag}' exists`)
    expect(images()).toEqual(had)
    expect(pullLeftovers()).toEqual([])
  })

  it.each([
    ['busybox/..'],
    ['../etc'],
    ['busy box'],
    ['busybox;reboot'],
    ['$(id)'],
    ['BusyBox'],
    ['busybox', 'a b'],
    ['busybox', 'x;y'],
    ['busybox', '..'],
  ])('refuses %j before anything runs (exit 2, one line)', (...args) => {
    const had = images()
    const r = cli(['run', 'bocker_pull', '--yes', ...args])
    expect(r.code).toBe(2)
    expect(errLines(r.err)).toHaveLength(1)
    expect(r.out).toBe('')
    expect(images()).toEqual(had)
    expect(pullLeftovers()).toEqual([])
  })

  it('the registry cannot start (its port taken by another program): one line saying what to do, exit 2, nothing ran', async () => {
    const squatter = createServer().listen(5000, '127.0.0.1')
    await once(squatter, 'listening')
    try {
      const had = images()
      const r = cli(['run', 'bocker_pull', '--yes', '--lang', 'en'])
      expect(r.code).toBe(2)
      expect(errLines(r.err)).toEqual([expect.stringMatching(/127\.0\.0\.1:5000 is taken by another program.*stop that program/)])
      expect(r.out).not.toContain('[v1-token]')
      expect(images()).toEqual(had)
      expect(pullLeftovers()).toEqual([])
    } finally {
      squatter.close()
    }
  })
})
