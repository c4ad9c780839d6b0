// What the lab stage says, in Japanese.
import type { lab as en } from '../en/lab.js'

export const lab: Record<keyof typeof en, string> = {
}
