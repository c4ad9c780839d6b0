// A lesson for the commands: the parse the build made (dist/lessons/<lang>/<name>.json, see
// scripts/build-caches.mjs) when the file is unchanged since, else a parse now. Reading the cache
// spares loading marked and lexing 60 KB of Markdown before the first prompt.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { LessonRef } from './catalog.js'
import type { Lesson } from './types.js'

export const parsedLessonFile = (lang: string, name: string): URL => new URL(`../lessons/${lang}/${name}.json`, import.meta.url)

/** bumped whenever the parser's output changes shape: an older build's file is then parsed again */
export const PARSED_FORMAT = 2

export interface ParsedLesson {
  format: number
  sha256: string
  lesson: Lesson
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

export async function readLesson(ref: LessonRef): Promise<Lesson> {
  const text = readFileSync(ref.file, 'utf8')
  if (!ref.outside) {
    try {
      const parsed = JSON.parse(readFileSync(parsedLessonFile(ref.lang, ref.name), 'utf8')) as ParsedLesson
      if (parsed.format === PARSED_FORMAT && parsed.sha256 === sha256(text)) return { ...parsed.lesson, file: ref.file }
    } catch {
      /* no cache (tests run from src/): parse */
    }
  }
  const { parseLesson } = await import('./parse.js')
  return parseLesson(text, ref.file, ref.name, ref.lang)
}
