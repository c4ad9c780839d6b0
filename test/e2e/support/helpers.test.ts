// The tests find the container a run made by its "claimed" line; a refused pick printed earlier must not fool them
// (CI failed once on exactly that: ps_42100 was refused, ps_42131 claimed).
import { describe, expect, it } from 'vitest'
import { t } from '../../../src/render/words/index.js'
import { claimedBy } from './helpers.js'

describe('claimedBy', () => {
  for (const lang of ['ja', 'en'] as const) {
    it(`reads the claimed uuid past a refused one (${lang})`, () => {
      const out = [
        t(lang, 'run.uuidRetry', { uuid: 'ps_42100', why: '10.0.0.1' }),
        t(lang, 'run.uuid', { uuid: 'ps_42131', ip: '10.0.0.131' }),
      ].join('\n')
      expect(claimedBy(out)).toEqual({ uuid: 'ps_42131', ip: '10.0.0.131' })
    })
  }
  it('finds nothing when no uuid was claimed', () => {
    expect(claimedBy(t('en', 'run.uuidRetry', { uuid: 'ps_42100', why: 'x' }))).toBeUndefined()
  })
})
