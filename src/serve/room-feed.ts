// The room, live: reports change it, time passing changes who is stuck; each change goes to the
// room pages as fragments (only the pieces whose HTML changed). A page that joins gets the room as
// it is now; a reconnecting one, what changed since its last fragment.
import type { Lang } from '../core/context.js'
import type { Fragment } from '../html/fragment.js'
import type { Report } from './report.js'
import { Room } from './room.js'
import { COUNT_ID, countHtml, FAILED_ID, failedHtml, ROWS_ID, roomBody, rowHtml, rowId } from './room-html.js'
import { SseChannel, sseMessage } from './sse.js'

const TICK_MS = 2000
/** reports that come together are shown together: the room is redrawn at most this often */
const BATCH_MS = 250

export class RoomFeed {
  readonly room: Room
  readonly channel = new SseChannel()
  /** the newest fragment of each piece */
  private readonly latest = new Map<string, Fragment>()
  private seq = 0
  private tick: NodeJS.Timeout | undefined
  private batch: NodeJS.Timeout | undefined

  constructor(
    private readonly lang: Lang,
    private readonly code: string,
    private readonly reportUrl: string,
    floorMs?: number,
  ) {
    this.room = new Room(floorMs)
    this.update()
  }

  get nextSeq(): number {
    return this.seq
  }

  /** false: the room is full */
  report(key: string, r: Report): boolean {
    if (!this.room.report(key, r)) return false
    if (!this.batch) {
      this.batch = setTimeout(() => {
        this.batch = undefined
        this.update()
      }, BATCH_MS)
      this.batch.unref()
    }
    if (!this.tick) {
      this.tick = setInterval(() => this.update(), TICK_MS)
      this.tick.unref()
    }
    return true
  }

  body(): string {
    this.flushBatch()
    const rows = [...this.latest.values()].filter(f => f.parent === ROWS_ID).sort((a, b) => a.seq - b.seq)
    return roomBody(this.lang, this.code, this.room.floorMs, {
      count: this.latest.get(COUNT_ID)!.html,
      rows: rows.map(f => f.html),
      failed: this.latest.get(FAILED_ID)!.html,
    })
  }

  /** what a page that has seen fragments before `from` needs, in order */
  backlog(from: number): string {
    this.flushBatch()
    return [...this.latest.values()]
      .filter(f => f.seq >= from)
      .sort((a, b) => a.seq - b.seq)
      .map(f => sseMessage(f.seq, JSON.stringify(f)))
      .join('')
  }

  /** a page asking now sees the reports that came in the batch not yet drawn */
  private flushBatch(): void {
    if (!this.batch) return
    clearTimeout(this.batch)
    this.batch = undefined
    this.update()
  }

  private update(): void {
    const views = this.room.view()
    this.put(COUNT_ID, null, countHtml(this.lang, views, this.reportUrl))
    for (const v of views) this.put(rowId(v.key), ROWS_ID, rowHtml(this.lang, v))
    this.put(FAILED_ID, null, failedHtml(this.lang, this.room.failedClaims()))
  }

  private put(id: string, parent: string | null, html: string): void {
    if (this.latest.get(id)?.html === html) return
    const f: Fragment = { id, parent, html, seq: this.seq++ }
    this.latest.set(id, f)
    this.channel.send(sseMessage(f.seq, JSON.stringify(f)))
  }

  close(): void {
    if (this.batch) clearTimeout(this.batch)
    if (this.tick) clearInterval(this.tick)
    this.tick = undefined
    this.channel.close()
  }
}
