// Generates the app and tray icons in build/ with no image tooling: shapes are drawn as
// signed-distance fields (anti-aliased), encoded as PNG with zlib, and packed into .ico and
// .icns containers (both accept PNG payloads). Run: node build/make-icons.mjs
// The outputs are committed; re-run only to change the artwork.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---- PNG ------------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** rgba: Uint8ClampedArray of size*size*4 (straight alpha). */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- drawing (coordinates in 0..1) ------------------------------------------------------------
const sdCircle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
function sdSegment(x, y, ax, ay, bx, by, r) {
  const px = x - ax,
    py = y - ay,
    dx = bx - ax,
    dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) - r;
}
function sdRoundRect(x, y, half, radius) {
  const qx = Math.abs(x - 0.5) - half + radius,
    qy = Math.abs(y - 0.5) - half + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

// The mark: one hub routing to three endpoints.
const HUB = [0.5, 0.56, 0.13];
const NODES = [
  [0.22, 0.3, 0.085],
  [0.78, 0.3, 0.085],
  [0.5, 0.86, 0.085],
];
function sdMark(x, y, scale = 1) {
  const t = (v) => 0.5 + (v - 0.5) * scale;
  let d = sdCircle(x, y, t(HUB[0]), t(HUB[1]), HUB[2] * scale);
  for (const [nx, ny, r] of NODES) {
    d = Math.min(d, sdCircle(x, y, t(nx), t(ny), r * scale));
    d = Math.min(d, sdSegment(x, y, t(HUB[0]), t(HUB[1]), t(nx), t(ny), 0.04 * scale));
  }
  return d;
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const cover = (d, px) => Math.max(0, Math.min(1, 0.5 - d / px)); // d in 0..1 units, px = one pixel

function render(size, shade) {
  const out = new Uint8ClampedArray(size * size * 4);
  const px = 1 / size;
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      const [r, g, b, a] = shade((i + 0.5) / size, (j + 0.5) / size, px);
      const o = (j * size + i) * 4;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = Math.round(a * 255);
    }
  return out;
}
const over = (top, ta, bottom, ba) => {
  const a = ta + ba * (1 - ta);
  if (a === 0) return [0, 0, 0, 0];
  return [...[0, 1, 2].map((k) => (top[k] * ta + bottom[k] * ba * (1 - ta)) / a), a];
};

/** App icon: rounded square, indigo→violet gradient, white mark. */
function appIcon(size) {
  const top = hex('#4f46e5'),
    bottom = hex('#7c3aed');
  return render(size, (x, y, px) => {
    const bgA = cover(sdRoundRect(x, y, 0.44, 0.1), px);
    const bg = top.map((c, k) => c + (bottom[k] - c) * y);
    const markA = cover(sdMark(x, y, 0.72), px);
    return over([255, 255, 255], markA * bgA, bg, bgA);
  });
}

/** Tray icon: a coloured disc with the white mark; the colour is the state. */
function trayIcon(size, color) {
  const c = hex(color);
  return render(size, (x, y, px) => {
    const discA = cover(sdCircle(x, y, 0.5, 0.5, 0.47), px);
    const markA = cover(sdMark(x, y, 0.66), px);
    return over([255, 255, 255], markA * discA, c, discA);
  });
}

/** macOS template image: black mark, alpha only; the menu bar tints it. */
function trayTemplate(size) {
  return render(size, (x, y, px) => [0, 0, 0, cover(sdMark(x, y, 0.95), px)]);
}

// ---- containers -----------------------------------------------------------------------------
function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bpp
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.png)]);
}
function icns(entries) {
  const parts = entries.map(({ type, png }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([h, png]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

// ---- outputs --------------------------------------------------------------------------------
const png = (size, draw) => ({ size, png: encodePng(size, draw(size)) });
const write = (rel, data) => {
  const file = path.join(here, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
  console.log(`${rel}  ${data.length} bytes`);
};

const app = Object.fromEntries([16, 32, 48, 128, 256, 512, 1024].map((s) => [s, png(s, appIcon)]));
write('icon.png', app[512].png);
write('icon.ico', ico([app[16], app[32], app[48], app[256]]));
write(
  'icon.icns',
  icns([
    { type: 'ic07', png: app[128].png },
    { type: 'ic08', png: app[256].png },
    { type: 'ic09', png: app[512].png },
    { type: 'ic10', png: app[1024].png },
  ]),
);

// Tray: per state, 16 px + @2x (32 px) PNGs (Electron picks @2x on HiDPI) and an .ico for Windows.
const STATES = { ok: '#4f46e5', degraded: '#d97706', offline: '#6b7280', 'quota-low': '#dc2626' };
for (const [state, color] of Object.entries(STATES)) {
  const draw = (s) => trayIcon(s, color);
  const p16 = png(16, draw),
    p32 = png(32, draw),
    p48 = png(48, draw);
  write(`tray/tray-${state}.png`, p16.png);
  write(`tray/tray-${state}@2x.png`, p32.png);
  write(`tray/tray-${state}.ico`, ico([p16, p32, p48]));
}
write('tray/trayTemplate.png', png(16, trayTemplate).png);
write('tray/trayTemplate@2x.png', png(32, trayTemplate).png);
// The window icon in a packaged app (resources/tray/icon.png; build/ is not inside the asar).
write('tray/icon.png', app[256].png);
