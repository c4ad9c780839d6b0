// Every sentence bocker-learn says, in Japanese (the primary language), by stage.
import type { WordKey } from '../en/index.js'
import { cli } from './cli.js'
import { html } from './html.js'
import { lab } from './lab.js'
import { lesson } from './lesson.js'
import { observe } from './observe.js'
import { run } from './run.js'

export const ja: Record<WordKey, string> = { ...cli, ...lesson, ...run, ...observe, ...lab, ...html }
