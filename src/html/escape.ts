// Text into HTML: everything a lesson, a run's output or a learner's report says is escaped here.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export const esc = (text: string): string => text.replace(/[&<>"']/g, c => ENTITIES[c]!)

/** terminal colour and cursor codes in a block's output say nothing on a page */
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g

export const stripAnsi = (text: string): string => text.replace(ANSI, '').replace(/\r(?!\n)/g, '\n')
