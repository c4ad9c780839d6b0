// Every sentence bocker-learn says, in English, by stage. ja/ has the same keys (the type and a test see to it).
import { cli } from './cli.js'
import { html } from './html.js'
import { lab } from './lab.js'
import { lesson } from './lesson.js'
import { observe } from './observe.js'
import { run } from './run.js'

export const en = { ...cli, ...lesson, ...run, ...observe, ...lab, ...html }
export type WordKey = keyof typeof en
