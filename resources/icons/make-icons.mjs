/**
 * Draws the RadBench icon from one geometry: an NHS-blue rounded square with four white bars and a
 * warm-yellow benchmark line. Writes icon.svg, PNGs (1024 and the Linux NxN set) and icon.ico
 * (BMP entries up to 48 px, PNG at 256 px). Run: node resources/icons/make-icons.mjs
 * No dependencies: shapes are rasterised from signed distances, PNGs encoded with node:zlib.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const CANVAS = 1024;

const NHS_BLUE = [0x00, 0x5e, 0xb8];
const WHITE = [0xff, 0xff, 0xff];
const WARM_YELLOW = [0xff, 0xb8, 0x1c];

/** Rounded rectangles on a 1024 canvas: x, y, width, height, corner radius, colour. */
const SHAPES = [
  { x: 64, y: 64, w: 896, h: 896, r: 200, color: NHS_BLUE },
  { x: 202, y: 540, w: 110, h: 240, r: 24, color: WHITE },
  { x: 372, y: 380, w: 110, h: 400, r: 24, color: WHITE },
  { x: 542, y: 480, w: 110, h: 300, r: 24, color: WHITE },
  { x: 712, y: 290, w: 110, h: 490, r: 24, color: WHITE },
  // The benchmark line, drawn over the bars.
  { x: 170, y: 422, w: 684, h: 32, r: 16, color: WARM_YELLOW },
];

function hex([r, g, b]) {
  return '#' + [r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('').toUpperCase();
}

function svg() {
  const rects = SHAPES.map(
    (s) => `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${hex(s.color)}"/>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CANVAS} ${CANVAS}" width="${CANVAS}" height="${CANVAS}">`,
    '  <title>RadBench</title>',
    ...rects,
    '</svg>',
    '',
  ].join('\n');
}

/** Signed distance from (px, py) to a rounded rectangle (negative inside). */
function roundedRectDistance(px, py, s) {
  const cx = s.x + s.w / 2;
  const cy = s.y + s.h / 2;
  const qx = Math.abs(px - cx) - (s.w / 2 - s.r);
  const qy = Math.abs(py - cy) - (s.h / 2 - s.r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - s.r;
}

/** RGBA pixels at `size`, anti-aliased over one output pixel. */
function render(size) {
  const scale = size / CANVAS;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      // Premultiplied "over" compositing, shape by shape.
      for (const s of SHAPES) {
        const d = roundedRectDistance((x + 0.5) / scale, (y + 0.5) / scale, s) * scale;
        const coverage = Math.min(1, Math.max(0, 0.5 - d));
        if (coverage === 0) continue;
        r = s.color[0] * coverage + r * (1 - coverage);
        g = s.color[1] * coverage + g * (1 - coverage);
        b = s.color[2] * coverage + b * (1 - coverage);
        a = coverage + a * (1 - coverage);
      }
      const i = (y * size + x) * 4;
      rgba[i] = a > 0 ? Math.round(r / a) : 0;
      rgba[i + 1] = a > 0 ? Math.round(g / a) : 0;
      rgba[i + 2] = a > 0 ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit BMP (DIB) icon entry: bottom-up BGRA rows, then an all-clear AND mask. */
function dib(size, rgba) {
  const maskRow = Math.ceil(size / 32) * 4;
  const out = Buffer.alloc(40 + size * size * 4 + maskRow * size);
  out.writeUInt32LE(40, 0);
  out.writeInt32LE(size, 4);
  out.writeInt32LE(size * 2, 8); // colour and mask halves
  out.writeUInt16LE(1, 12);
  out.writeUInt16LE(32, 14);
  out.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = ((size - 1 - y) * size + x) * 4;
      const to = 40 + (y * size + x) * 4;
      out[to] = rgba[from + 2];
      out[to + 1] = rgba[from + 1];
      out[to + 2] = rgba[from];
      out[to + 3] = rgba[from + 3];
    }
  }
  return out;
}

function ico(entries) {
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    header[at] = size >= 256 ? 0 : size;
    header[at + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...entries.map((e) => e.data)]);
}

writeFileSync(join(here, 'icon.svg'), svg());
const rendered = new Map();
for (const size of [1024, 512, 256, 128, 64, 48, 32, 16]) rendered.set(size, render(size));
writeFileSync(join(here, 'icon.png'), png(1024, rendered.get(1024)));
for (const size of [512, 256, 128, 64, 48, 32, 16]) writeFileSync(join(here, `${size}x${size}.png`), png(size, rendered.get(size)));
writeFileSync(
  join(here, 'icon.ico'),
  ico([
    ...[16, 32, 48].map((size) => ({ size, data: dib(size, rendered.get(size)) })),
    { size: 256, data: png(256, rendered.get(256)) },
  ]),
);
console.log('icons written to', here);
