// The course: lessons/course.txt lists the lessons in the order they are taught.
import { readFileSync } from 'node:fs'
import { LESSONS_DIR } from '../lesson/catalog.js'

export function courseOrder(dir = LESSONS_DIR): string[] {
  let text = ''
  try {
    text = readFileSync(`${dir}/course.txt`, 'utf8')
  } catch {
    return []
  }
  return text
    .split('\n')
    .map(l => l.replace(/#.*/, '').trim())
    .filter(Boolean)
}
