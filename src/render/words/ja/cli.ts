// What the cli stage says, in Japanese.
import type { cli as en } from '../en/cli.js'

export const cli: Record<keyof typeof en, string> = {
}
