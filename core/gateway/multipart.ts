import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { GatewayError } from '../formats/canonical.js';
import type { UploadInfo } from '../formats/endpoints/types.js';
import { bodyTimedOut, ClientGoneError, listenToBody } from './read-body.js';

/** A multipart upload as received: its small fields in memory, its file spooled to disk. */
export interface Upload extends UploadInfo {
  file?: { field: string; name: string; type: string; size: number; path: string };
  /** Removes the spooled file (always called once the request is over). */
  dispose(): Promise<void>;
}

const FIELD_MAX = 64 * 1024;
const HEADER_MAX = 16 * 1024;

const tooLarge = (limit: number) =>
  new GatewayError({
    status: 413,
    kind: 'request_too_large',
    message: `The upload is larger than ${Math.round(limit / 1024 / 1024)} MB (setting uploadLimitMb).`,
  });
const bad = (message: string) => new GatewayError({ status: 400, kind: 'invalid_request', message });

/** The boundary of a `multipart/form-data` content type, or a 400. */
export function boundaryOf(contentType: string | undefined): string {
  const m = /^multipart\/form-data\s*;(?:.*;)?\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(
    contentType ?? '',
  );
  if (!m) throw bad('The body must be multipart/form-data (a file upload) with a boundary.');
  return m[1] ?? m[2]!;
}

/**
 * Reads a multipart/form-data request as it arrives: field values (each at most 64 KB) are kept,
 * the one file part is written to a temporary file (0600) as its bytes come, so an upload never
 * sits in memory whole. Refuses (413) as soon as the body passes `limit` bytes (at once when its
 * Content-Length says so), and (408) when it has not all arrived within `timeoutMs`.
 */
export async function receiveUpload(
  req: IncomingMessage,
  limit: number,
  timeoutMs?: number,
): Promise<Upload> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const boundary = boundaryOf(req.headers['content-type']);
  const dir = path.join(os.tmpdir(), 'omniroute-uploads');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const parser = new UploadParser(boundary, dir);
  const dispose = () => parser.dispose();
  try {
    await spool(req, parser, limit, timeoutMs);
  } catch (err) {
    await dispose();
    throw err;
  }
  const { fields, file } = parser;
  return { fields, ...(file ? { file } : {}), dispose };
}

/**
 * Feeds the request's chunks to the parser, one at a time: the socket waits while the file
 * catches up. Settles once: at the closing boundary, or at the first refusal, break or timeout.
 */
function spool(req: IncomingMessage, parser: UploadParser, limit: number, timeoutMs: number | undefined) {
  return new Promise<void>((resolve, reject) => {
    let size = 0;
    let busy: Promise<void> = Promise.resolve();
    let settled = false;
    function fail(err: Error) {
      if (settled) return;
      settled = true;
      parser.stopped = true;
      cleanup();
      req.resume();
      reject(err);
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return fail(tooLarge(limit));
      parser.append(chunk);
      // The socket waits while the file catches up: memory holds a chunk or two, not the upload.
      req.pause();
      busy = busy
        .then(() => parser.parse())
        .then(() => {
          if (!settled) req.resume();
        })
        .catch(fail);
    };
    const onEnd = () => {
      busy.then(() => {
        if (settled) return;
        settled = true;
        cleanup();
        if (!parser.done) reject(bad('The multipart body ended before its closing boundary.'));
        else if (!parser.out) resolve();
        else parser.out.end(() => resolve());
      }, fail);
    };
    const onClose = () => {
      if (!req.complete) fail(new ClientGoneError());
    };
    const onTimeout = () => fail(bodyTimedOut('The upload', timeoutMs!));
    parser.onWriteError = fail;
    // A caller that hangs up mid-upload makes the socket emit a bare 'aborted' error before
    // 'close': it is the same client going away as onClose, not a gateway failure.
    const onError = (err: Error) => fail(req.destroyed && !req.complete ? new ClientGoneError() : err);
    const cleanup = listenToBody(req, { onData, onEnd, onError, onClose }, timeoutMs, onTimeout);
  });
}

/** The multipart body's parts as its bytes arrive: fields kept, the file part written to disk. */
class UploadParser {
  readonly fields: Array<[string, string]> = [];
  file: Upload['file'];
  out: WriteStream | undefined;
  /** Set once the upload is refused or broken: the parser stops, the file is no longer written. */
  stopped = false;
  /** A failed write (disk full) refuses the upload; never an unhandled error. */
  onWriteError: (err: Error) => void = () => {};
  private readonly delimiter: Buffer;
  // The body starts with `--boundary`; prefixing CRLF makes every delimiter look the same.
  private buf: Buffer = Buffer.from('\r\n');
  private state: 'preamble' | 'headers' | 'body' | 'done' = 'preamble';
  private part: { name: string; filename?: string; type: string; value: Buffer[]; size: number } | undefined;

  constructor(
    boundary: string,
    private readonly dir: string,
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  get done(): boolean {
    return this.state === 'done';
  }

  append(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
  }

  async dispose(): Promise<void> {
    this.out?.destroy();
    if (this.file) await rm(this.file.path, { force: true }).catch(() => {});
  }

  /** Parses what the buffer holds; each step says false when it needs more bytes (or is done). */
  async parse(): Promise<void> {
    for (;;) {
      if (this.state === 'done' || this.stopped) return;
      if (this.state === 'preamble' && !this.skipPreamble()) return;
      if (this.state === 'headers' && !this.readHeaders()) return;
      if (this.state === 'body' && !(await this.readBody())) return;
    }
  }

  private skipPreamble(): boolean {
    const at = this.buf.indexOf(this.delimiter);
    if (at < 0) {
      this.buf = this.buf.subarray(Math.max(0, this.buf.length - this.delimiter.length));
      return false;
    }
    this.buf = this.buf.subarray(at + this.delimiter.length);
    this.state = 'headers';
    return true;
  }

  private readHeaders(): boolean {
    const buf = this.buf;
    if (buf.length < 2) return false;
    if (buf[0] === 0x2d && buf[1] === 0x2d) {
      this.state = 'done';
      return false;
    }
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) {
      if (buf.length > HEADER_MAX) throw bad('A multipart part has headers that are too long.');
      return false;
    }
    const head = buf.subarray(0, end).toString('utf8');
    this.buf = buf.subarray(end + 4);
    const disposition = /content-disposition:\s*form-data\s*;([^\r\n]*)/i.exec(head)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw bad('A multipart part has no name.');
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
    this.part = { name, type, value: [], size: 0, ...(filename !== undefined ? { filename } : {}) };
    if (filename !== undefined) this.openFile(name, filename, type);
    this.state = 'body';
    return true;
  }

  private openFile(field: string, name: string, type: string): void {
    if (this.file) throw bad('Only one file may be uploaded.');
    this.file = { field, name, type, size: 0, path: path.join(this.dir, randomUUID()) };
    this.out = createWriteStream(this.file.path, { mode: 0o600 });
    this.out.on('error', (err) => {
      if (!this.stopped) this.onWriteError(err);
    });
  }

  private async readBody(): Promise<boolean> {
    const part = this.part!;
    const at = this.buf.indexOf(this.delimiter);
    // Everything before a possible delimiter start can be handed on now.
    const safe = at >= 0 ? at : Math.max(0, this.buf.length - this.delimiter.length);
    const data = this.buf.subarray(0, safe);
    this.buf = this.buf.subarray(safe);
    if (data.length) {
      if (part.filename !== undefined) {
        const wait = this.writeFile(data);
        if (wait) await wait;
      } else {
        part.size += data.length;
        if (part.size > FIELD_MAX) throw bad(`The form field "${part.name}" is longer than 64 KB.`);
        part.value.push(Buffer.from(data));
      }
    }
    if (at < 0) return false;
    this.buf = this.buf.subarray(this.delimiter.length);
    if (part.filename === undefined)
      this.fields.push([part.name, Buffer.concat(part.value).toString('utf8')]);
    this.part = undefined;
    this.state = 'headers';
    // After a delimiter: CRLF and the next part's headers, or `--` at the end.
    const buf = this.buf;
    if (buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a) this.buf = buf.subarray(2);
    else if (buf.length < 2) return false;
    return true;
  }

  private writeFile(chunk: Buffer): Promise<void> | undefined {
    const out = this.out!;
    if (this.stopped || out.destroyed) return undefined;
    this.file!.size += chunk.length;
    if (!out.write(chunk)) return new Promise((r) => out.once('drain', r));
    return undefined;
  }
}

/**
 * The upload as a multipart body again, for one upstream: the fields (some replaced), then the
 * file read from disk as it is sent. Its length is known, so the upstream gets a Content-Length.
 */
export function multipartBody(
  upload: Upload,
  fields: Array<[string, string]>,
): { contentType: string; length: number; body: () => AsyncIterable<Buffer> } {
  const boundary = `----omniroute-${randomUUID()}`;
  const q = (s: string) => s.replace(/["\r\n]/g, (c) => encodeURIComponent(c));
  const head = Buffer.from(
    fields
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${q(k)}"\r\n\r\n${v}\r\n`)
      .join(''),
  );
  const f = upload.file;
  const fileHead = f
    ? Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${q(f.field)}"; filename="${q(f.name)}"\r\nContent-Type: ${f.type.replace(/[\r\n]/g, '')}\r\n\r\n`,
      )
    : Buffer.alloc(0);
  const tail = Buffer.from(`${f ? '\r\n' : ''}--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + fileHead.length + (f?.size ?? 0) + tail.length,
    async *body() {
      yield head;
      if (f) {
        yield fileHead;
        for await (const c of createReadStream(f.path)) yield c as Buffer;
      }
      yield tail;
    },
  };
}

/** The spooled file alone (an API that takes the audio as the body: Deepgram). */
export async function* fileBytes(upload: Upload): AsyncIterable<Buffer> {
  if (upload.file) for await (const c of createReadStream(upload.file.path)) yield c as Buffer;
}
