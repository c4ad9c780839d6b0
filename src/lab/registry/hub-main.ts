// The lab's token issuer and blob host, one process (started by services.ts, not by the learner).
// It says "ready" on stdout once both listen, and ends on SIGTERM.
import { createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type RequestListener } from 'node:http'
import { AUTH, BLOBS, type Listener, REGISTRY_STORAGE, SIGNING_KEY } from './addresses.js'
import { blobHandler } from './blob-host.js'
import { libtrustKeyId } from './jwt.js'
import { tokenHandler } from './token-issuer.js'

const key = createPrivateKey(readFileSync(process.env.BOCKER_LEARN_SIGNING_KEY ?? SIGNING_KEY))
const storage = process.env.BOCKER_LEARN_REGISTRY_STORAGE ?? REGISTRY_STORAGE

const listen = (l: Listener, handler: RequestListener): Promise<void> =>
  new Promise((resolve, reject) => {
    createServer(handler).once('error', reject).listen(l.port, l.host, resolve)
  })

try {
  await Promise.all([listen(AUTH, tokenHandler(key, libtrustKeyId(key))), listen(BLOBS, blobHandler(storage) as RequestListener)])
  process.stdout.write('ready\n')
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`)
  process.exit(1)
}
process.on('SIGTERM', () => process.exit(0))
