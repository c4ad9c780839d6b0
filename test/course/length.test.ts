import { describe, expect, it } from 'vitest'
import { lessonLength } from '../../src/course/length.js'

const text = [
  '```bash step id=a',
  '```bash step id=b when=cgroup-v1',
  '```bash step id=c when=cgroup-v2',
  '```bash try',
  '```bash exercise id=x',
  '```bash exercise id=y timeout=60',
  '    ```bash step id=indented-is-not-a-fence',
].join('\n')

describe('lessonLength', () => {
  it('counts the steps of this cgroup mode and the exercises', () => {
    expect(lessonLength(text, 'v1')).toEqual({ steps: 2, exercises: 2 })
    expect(lessonLength(text, 'v2')).toEqual({ steps: 2, exercises: 2 })
    expect(lessonLength('```bash step id=a when=cgroup-v1\n', 'v2')).toEqual({ steps: 0, exercises: 0 })
  })
})
