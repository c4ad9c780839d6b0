// What the lesson stage says, in Japanese.
import type { lesson as en } from '../en/lesson.js'

export const lesson: Record<keyof typeof en, string> = {
}
