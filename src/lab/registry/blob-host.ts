// The blob host, like the CDN Docker Hub redirects layer downloads to: it serves the registry's
// stored blobs at the paths the registry's `redirect` middleware points to, and nothing else.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'

const BLOB_PATH = /^\/docker\/registry\/v2\/blobs\/sha256\/([0-9a-f]{2})\/([0-9a-f]{64})\/data$/

export function blobHandler(storage: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://blobs').pathname
    const m = BLOB_PATH.exec(path)
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !m || !m[2]!.startsWith(m[1]!)) return notFound(res)
    const file = `${storage}${path}`
    const s = await stat(file).catch(() => undefined)
    if (!s?.isFile()) return notFound(res)
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': s.size })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res)
  }
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain' })
  res.end('not found\n')
}
