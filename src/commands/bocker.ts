// `bocker-learn bocker ARGS`: the lab's bocker, assembled from the lessons' `bash source` blocks,
// run as bocker itself would be (bash, the script's path as $0, the arguments as given).
import { spawn } from 'node:child_process'
import { writeBockerScript } from '../course/bocker-script.js'
import { detectCgroupMode } from '../lab/cgroup-mode.js'
import type { Command } from './command.js'

const bocker: Command = {
  usage: 'sudo bocker-learn bocker [bocker arguments...]',
  async run(argv) {
    const script = await writeBockerScript(detectCgroupMode())
    const code = await new Promise<number>(resolve => {
      const child = spawn('bash', [script, ...argv], { stdio: 'inherit' })
      child.on('exit', (c, signal) => resolve(c ?? (signal ? 130 : 1)))
    })
    return code === 0 ? 'done' : code === 130 ? 'interrupted' : 'failed'
  },
}
export default bocker
