// What the observe stage says, in Japanese.
import type { observe as en } from '../en/observe.js'

export const observe: Record<keyof typeof en, string> = {
}
