// Draws the two Teams app icons as real PNG files with nothing but Node's zlib:
//   color.png   192x192, NHS blue square with a white heart and a pulse line (Teams "color" icon)
//   outline.png  32x32, white heart outline on a fully transparent background (Teams "outline" icon)
// Run: node deployment/make-icons.mjs   (the PNGs are committed; re-run only to change the artwork)
import { deflateSync, crc32 } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'appPackage');

const NHS_BLUE = [0x00, 0x5e, 0xb8];
const WHITE = [0xff, 0xff, 0xff];

/** Inside-ness of the classic heart curve (x²+y²−1)³ − x²y³ ≤ 0, for x,y in about [-1.3, 1.3]. */
function heart(x, y) {
  const a = x * x + y * y - 1;
  return a * a * a - x * x * y * y * y;
}

/** Fraction (0..1) of an n×n supersample grid inside `inside(u, v)` for the pixel (px, py). */
function coverage(size, px, py, inside, n = 4) {
  let hit = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const u = (px + (i + 0.5) / n) / size;
      const v = (py + (j + 0.5) / n) / size;
      if (inside(u, v)) hit++;
    }
  }
  return hit / (n * n);
}

/** Maps unit-square coords (v downwards) to heart coords, scaled so the heart fills `fill` of the side. */
const MID = 0.53; // heart's y=0 line, so that the curve (y from -1 to about 1.2) sits centred
const toHeart = (u, v, fill) => [(u - 0.5) * (2.6 / fill), (MID - v) * (2.6 / fill)];

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** RGBA 8-bit PNG (colour type 6), filter 0 on every row. */
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const mix = (a, b, t) => a.map((c, i) => Math.round(c * (1 - t) + b[i] * t));

// Colour icon: opaque blue background, white heart, blue pulse line across the heart.
const colour = png(192, (x, y) => {
  const inHeart = coverage(192, x, y, (u, v) => heart(...toHeart(u, v, 0.72)) <= 0);
  const pulse = coverage(192, x, y, (u, v) => {
    if (u < 0.22 || u > 0.78) return false;
    // A flat line with one ECG spike in the middle.
    const t = (u - 0.22) / 0.56;
    let level = MID;
    if (t > 0.38 && t < 0.46) level = MID - (t - 0.38) * 2.2;
    else if (t >= 0.46 && t < 0.56) level = MID - 0.176 + (t - 0.46) * 3.6;
    else if (t >= 0.56 && t < 0.62) level = MID + 0.184 - (t - 0.56) * 3.07;
    return Math.abs(v - level) < 0.018;
  });
  const ink = mix(NHS_BLUE, WHITE, inHeart);
  return [...mix(ink, NHS_BLUE, pulse * inHeart), 255];
});

// Outline icon: white ring of the heart's edge, transparent everywhere else (Teams tints it).
const outline = png(32, (x, y) => {
  const outer = coverage(32, x, y, (u, v) => heart(...toHeart(u, v, 0.9)) <= 0, 8);
  const inner = coverage(32, x, y, (u, v) => heart(...toHeart(u, v, 0.62)) <= 0, 8);
  const alpha = Math.round(Math.max(0, outer - inner) * 255);
  return [255, 255, 255, alpha];
});

writeFileSync(join(out, 'color.png'), colour);
writeFileSync(join(out, 'outline.png'), outline);
console.log(`wrote ${join(out, 'color.png')} (${colour.length} bytes) and ${join(out, 'outline.png')} (${outline.length} bytes)`);
