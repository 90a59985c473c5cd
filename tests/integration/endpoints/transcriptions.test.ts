import OpenAI, { toFile } from 'openai';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core.js';
import { startEndpointCore, type EndpointUpstream } from '../../helpers/endpoint-upstream.js';

// /v1/audio/transcriptions and /translations: multipart uploads spooled to disk as they arrive
// (never held whole), sent on as multipart to OpenAI-shaped upstreams or as the body to
// Deepgram's /listen (translated back), with fallback; the upload limit answers 413.

let t: TestCore | undefined;
let up: EndpointUpstream | undefined;
afterEach(async () => {
  await t?.close();
  await up?.close();
  t = undefined;
  up = undefined;
});

async function setup(settings = '') {
  ({ t, up } = await startEndpointCore(
    (url) => `providers:
  - id: openai
    baseUrl: ${url}/v1
    accounts:
      - apiKey: sk-openai-secret-0001
  - id: deepgram
    baseUrl: ${url}/deepgram/v1
    accounts:
      - apiKey: dg-secret-0006
combos:
  - name: ears
    models: [openai/whisper-1, deepgram/nova-3]
${settings}`,
  ));
}

/** One second of a 440 Hz tone: 16-bit mono PCM at 16 kHz in a RIFF/WAVE container. */
function toneWav(seconds = 1, rate = 16_000): Buffer {
  const samples = seconds * rate;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVE', 8);
  b.write('fmt ', 12);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    b.writeInt16LE(Math.round(12_000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return b;
}

/** POSTs a `bytes`-long multipart upload, made as it is sent, from a child process. */
function runUploader(url: string, bytes: number): Promise<{ status: number; body: string }> {
  const script = `
    const chunk = Buffer.alloc(64 * 1024, 7);
    let sent = 0;
    const head = Buffer.from('--xyz\\r\\nContent-Disposition: form-data; name="model"\\r\\n\\r\\nopenai/whisper-1\\r\\n--xyz\\r\\nContent-Disposition: form-data; name="file"; filename="big.wav"\\r\\nContent-Type: audio/wav\\r\\n\\r\\n');
    const body = new ReadableStream({
      start(c) { c.enqueue(head); },
      pull(c) {
        if (sent >= ${bytes}) { c.enqueue(Buffer.from('\\r\\n--xyz--\\r\\n')); c.close(); return; }
        sent += chunk.length;
        c.enqueue(new Uint8Array(chunk));
      },
    });
    fetch(process.argv[1] + '/v1/audio/transcriptions', {
      method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body, duplex: 'half',
    }).then(async (r) => process.stdout.write(JSON.stringify({ status: r.status, body: await r.text() })),
      (e) => process.stdout.write(JSON.stringify({ status: 0, body: String(e) })));
  `;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, url], { maxBuffer: 1024 * 1024 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(JSON.parse(stdout) as { status: number; body: string });
    });
  });
}

const client = () => new OpenAI({ baseURL: `${t!.url}/v1`, apiKey: 'unused', maxRetries: 0 });
async function logRows(): Promise<any[]> {
  return ((await (await t!.api('/api/logs?limit=50')).json()) as { items: any[] }).items;
}
const spooled = () => {
  try {
    return readdirSync(path.join(os.tmpdir(), 'omniroute-uploads'));
  } catch {
    return [];
  }
};

describe('/v1/audio/transcriptions', () => {
  it('the openai SDK with a real WAV: the file reaches OpenAI intact as multipart, the model replaced', async () => {
    await setup();
    const wav = toneWav();
    const res = await client().audio.transcriptions.create({
      model: 'openai/whisper-1',
      file: await toFile(wav, 'tone.wav', { type: 'audio/wav' }),
    });
    expect(res.text).toBe('heard whisper-1');
    const sent = up!.requests.at(-1)!;
    expect(sent.path).toBe('/v1/audio/transcriptions');
    expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(Number(sent.headers['content-length'])).toBe(sent.body.length);
    expect(sent.body.includes(wav)).toBe(true);
    expect(sent.body.toString('latin1')).toMatch(/filename="tone.wav"\r\nContent-Type: audio\/wav/);
    const text = await client().audio.transcriptions.create({
      model: 'openai/whisper-1',
      file: await toFile(wav, 'tone.wav'),
      response_format: 'text',
    });
    expect(text).toBe('heard whisper-1\n');
    const rows = await logRows();
    expect(rows[1]).toMatchObject({ kind: 'transcription', units: 2, unit: 'seconds' });
    expect(rows[1].costUsd).toBeCloseTo((2 / 60) * 0.006, 12);
    expect(spooled()).toEqual([]);
  });

  it('a combo falls back from a 500 to Deepgram: the WAV is the body, the answer translated (json, srt, verbose_json)', async () => {
    await setup();
    const wav = toneWav();
    up!.fail({ status: 500, body: { error: { message: 'boom', type: 'server_error' } } });
    const res = await client().audio.transcriptions.create({
      model: 'ears',
      file: await toFile(wav, 'note.wav', { type: 'audio/wav' }),
    });
    expect(res.text).toBe('hello from deepgram');
    const dg = up!.requests.at(-1)!;
    expect(dg.path).toBe(
      '/deepgram/v1/listen?model=nova-3&smart_format=true&punctuate=true&detect_language=true',
    );
    expect(dg.headers.authorization).toBe('Token dg-secret-0006');
    expect(dg.headers['content-type']).toBe('audio/wav');
    expect(dg.body.equals(wav)).toBe(true);

    const srt = await client().audio.transcriptions.create({
      model: 'deepgram/nova-3',
      file: await toFile(wav, 'note.wav'),
      response_format: 'srt',
    });
    expect(srt).toBe('1\n00:00:00,100 --> 00:00:01,800\nHello from Deepgram.\n');
    const verbose = await client().audio.transcriptions.create({
      model: 'deepgram/nova-3',
      file: await toFile(wav, 'note.wav'),
      response_format: 'verbose_json',
      language: 'en',
    });
    expect(verbose).toMatchObject({
      task: 'transcribe',
      language: 'en',
      duration: 2,
      text: 'hello from deepgram',
    });
    const rows = await logRows();
    expect(rows[2]).toMatchObject({
      kind: 'transcription',
      combo: 'ears',
      attempts: 2,
      providerId: 'deepgram',
      units: 2,
    });
    expect(rows[2].costUsd).toBeCloseTo((2 / 60) * 0.0043, 12);
  });

  it('translations go to OpenAI-shaped providers only', async () => {
    await setup();
    const res = await client().audio.translations.create({
      model: 'ears',
      file: await toFile(toneWav(), 'a.wav'),
    });
    expect(res.text).toBe('heard whisper-1');
    expect(up!.requests.at(-1)!.path).toBe('/v1/audio/translations');
  });

  it('bad uploads are 400s: no file, a file that is not audio, a JSON body', async () => {
    await setup();
    const noFile = new FormData();
    noFile.set('model', 'ears');
    const notAudio = new FormData();
    notAudio.set('model', 'ears');
    notAudio.set('file', new Blob(['x']), 'notes.txt');
    for (const body of [noFile, notAudio]) {
      const r = await fetch(`${t!.url}/v1/audio/transcriptions`, { method: 'POST', body });
      expect(r.status).toBe(400);
      expect(((await r.json()) as any).error.type).toBe('invalid_request_error');
    }
    const json = await fetch(`${t!.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":"ears"}',
    });
    expect(json.status).toBe(400);
    expect(up!.requests).toHaveLength(0);
  });

  it('a 48 MB upload over a 40 MB limit gets 413 in OpenAI error shape, and the gateway never holds it in memory (measured)', async () => {
    // A limit well above the memory bound below, so a held body (≥ 40 MB) and a streamed one
    // (a few chunks in flight) are far apart, even on a loaded machine.
    await setup('settings:\n  uploadLimitMb: 40\n');
    // Declared too large: refused before a byte of it is read.
    const declared = await fetch(`${t!.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: {
        'content-type': 'multipart/form-data; boundary=xyz',
        'content-length': String(48 * 1024 * 1024),
      },
      body: new Uint8Array(0),
    }).catch((e: unknown) => e);
    if (declared instanceof Response) {
      expect(declared.status).toBe(413);
    }

    // Streamed without a length (chunked) by a client in another process, so that the only
    // memory measured here is the gateway's: read, spooled to disk, refused at 25 MB.
    // One small upload first, so first-use costs (code, lazily loaded modules) are not measured.
    expect((await runUploader(t!.url, 1024 * 1024)).status).toBe(200);
    // What the gateway holds, not what it has let go of: each sample follows a full collection.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const mem = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const base = mem();
    let peak = base;
    let samples = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, mem());
      samples++;
    }, 100);
    const out = await runUploader(t!.url, 48 * 1024 * 1024);
    clearInterval(sampler);
    expect(out.status).toBe(413);
    expect(JSON.parse(out.body)).toMatchObject({
      error: {
        type: 'invalid_request_error',
        message: expect.stringMatching(/larger than 40 MB \(setting uploadLimitMb\)/),
      },
    });
    // Holding the body would take at least the 40 MB read before the refusal; the gateway's
    // heap and buffers grew by a few chunks in flight (0–13 MB measured alone, 20.5 MB once in a
    // full parallel run: it does not follow the upload's size). The bound sits well below the
    // 40 MB a held body needs, with room for the socket buffers a fast client fills.
    expect(samples).toBeGreaterThan(3);
    expect(peak - base).toBeLessThan(28 * 1024 * 1024);
    expect(up!.requests).toHaveLength(1);
    // The spooled part is removed after the answer went out; a loaded machine takes longer.
    await expect.poll(spooled, { timeout: 5000 }).toEqual([]);
    const rows = await logRows();
    expect(rows[0]).toMatchObject({ status: 413, kind: 'transcription' });
  }, 60_000);

  it('a caller that hangs up mid-upload is logged as gone (499), its spooled part removed, nothing sent on', async () => {
    await setup();
    const u = new URL(t!.url);
    const head =
      '--xyz\r\nContent-Disposition: form-data; name="model"\r\n\r\nopenai/whisper-1\r\n--xyz\r\n' +
      'Content-Disposition: form-data; name="file"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\n';
    const socket = net.connect(Number(u.port), u.hostname);
    await new Promise<void>((res) => socket.once('connect', () => res()));
    socket.write(
      `POST /v1/audio/transcriptions HTTP/1.1\r\nHost: ${u.host}\r\n` +
        'Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 10000000\r\n\r\n' +
        head,
    );
    socket.write(Buffer.alloc(256 * 1024, 7));
    // The gateway has begun spooling the part when the caller goes away.
    await expect.poll(() => spooled().length, { timeout: 5000 }).toBeGreaterThan(0);
    socket.destroy();
    await expect.poll(async () => (await logRows())[0]?.status, { timeout: 5000 }).toBe(499);
    await expect.poll(spooled, { timeout: 5000 }).toEqual([]);
    expect(up!.requests).toHaveLength(0);
  });
});
