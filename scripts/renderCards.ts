import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CARDS_DIR } from '../src/cards/render';
import { launchChromium } from '../test/support/browser';
import { CARD_SAMPLES } from '../test/support/cardSamples';

/**
 * `npm run cards:render`: the card gallery. Draws every template in cards/ with its typical sample
 * data (and its named variants, as <template>.<variant>.png) (test/support/cardSamples.ts) using the adaptivecards renderer in headless Chromium, and
 * writes docs/cards/<template>.png, so a reader sees the product before running it.
 */
const ROOT = path.resolve(CARDS_DIR, '..');
const OUT = path.join(ROOT, 'docs', 'cards');
const RENDERER = require.resolve('adaptivecards/dist/adaptivecards.js');

// Close to Teams' light theme: Segoe-like font, Teams' accent and attention colours.
const HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7', subtle: '#7F85F5' },
        attention: { default: '#C4314B', subtle: '#C4314B' },
        good: { default: '#237B4B', subtle: '#237B4B' },
        warning: { default: '#835C00', subtle: '#835C00' },
      },
    },
    emphasis: { backgroundColor: '#F5F5F5' },
    accent: { backgroundColor: '#E8EBFA' },
    good: { backgroundColor: '#E7F2DA' },
    attention: { backgroundColor: '#FCF4F6' },
    warning: { backgroundColor: '#FBF6D9' },
  },
  actions: { actionsOrientation: 'horizontal', buttonSpacing: 8, maxActions: 10, showCard: { actionMode: 'inline' } },
};

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 16px; background: #f5f5f5; font-family: 'Segoe UI', Arial, sans-serif; }
#card { width: 520px; background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.2); overflow: hidden; }
.ac-pushButton { border: 1px solid #d1d1d1; border-radius: 4px; background: #fff; padding: 6px 12px; font-weight: 600; font-family: inherit; }
.ac-input { font-family: inherit; padding: 4px 6px; border: 1px solid #d1d1d1; border-radius: 4px; }
</style></head><body><div id="card"></div></body></html>`;

/**
 * A sketch of a Teams chart as SVG, from the element's own data as Microsoft documents it
 * (`Chart.VerticalBar` data [{x, y}], `Chart.Donut` [{legend, value}], `Chart.Line`
 * [{legend, values: [{x, y}]}]). Not Teams' drawing: it shows what data the card gives Teams.
 * Runs in the page, so it is self-contained.
 */
function drawChart(type: string, source: any): string {
  const colours = ['#5B5FC7', '#E3008C', '#00A5AF', '#C19C00', '#8764B8', '#D83B01', '#498205'];
  const esc = (t: unknown) => String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const W = 480;
  const H = 200;
  const data: any[] = source.data ?? [];
  const text = (x: number, y: number, t: unknown, anchor = 'middle', size = 10) =>
    `<text x="${x}" y="${y}" font-size="${size}" text-anchor="${anchor}" fill="#424242" font-family="Segoe UI, Arial">${esc(t)}</text>`;
  if (type === 'Chart.VerticalBar') {
    const max = Math.max(1, ...data.map((d) => d.y));
    const step = W / Math.max(1, data.length);
    const bars = data
      .map((d, i) => {
        const h = ((H - 50) * d.y) / max;
        const x = i * step + step * 0.2;
        return `<rect x="${x}" y="${H - 30 - h}" width="${step * 0.6}" height="${h}" fill="${colours[0]}"/>${text(x + step * 0.3, H - 34 - h, d.y)}${text(x + step * 0.3, H - 16, d.x, 'middle', 9)}`;
      })
      .join('');
    return `<svg width="${W}" height="${H}">${bars}<line x1="0" y1="${H - 30}" x2="${W}" y2="${H - 30}" stroke="#d1d1d1"/></svg>`;
  }
  if (type === 'Chart.Donut') {
    const total = data.reduce((n, d) => n + d.value, 0);
    const r = 60;
    const c = 2 * Math.PI * r;
    let at = 0;
    const arcs = total
      ? data
          .map((d, i) => {
            const len = (c * d.value) / total;
            const arc = `<circle cx="90" cy="90" r="${r}" fill="none" stroke="${colours[i % colours.length]}" stroke-width="28" stroke-dasharray="${len} ${c - len}" stroke-dashoffset="${-at}" transform="rotate(-90 90 90)"/>`;
            at += len;
            return arc;
          })
          .join('')
      : `<circle cx="90" cy="90" r="${r}" fill="none" stroke="#e0e0e0" stroke-width="28"/>`;
    const legend = data
      .map(
        (d, i) =>
          `<rect x="190" y="${14 + i * 22}" width="10" height="10" fill="${colours[i % colours.length]}"/>${text(206, 23 + i * 22, `${d.legend}: ${d.value}`, 'start', 11)}`,
      )
      .join('');
    return `<svg width="${W}" height="${Math.max(H, 30 + data.length * 22)}">${arcs}${legend}</svg>`;
  }
  if (type === 'Chart.Line') {
    const xs: string[] = data[0]?.values.map((v: any) => v.x) ?? [];
    const max = Math.max(1, ...data.flatMap((s) => s.values.map((v: any) => v.y)));
    const px = (i: number) => 20 + ((W - 40) * i) / Math.max(1, xs.length - 1);
    const py = (y: number) => H - 50 - ((H - 70) * y) / max;
    const lines = data
      .map(
        (s, k) =>
          `<polyline fill="none" stroke="${colours[k % colours.length]}" stroke-width="2" points="${s.values.map((v: any, i: number) => `${px(i)},${py(v.y)}`).join(' ')}"/>`,
      )
      .join('');
    const every = Math.ceil(xs.length / 8);
    const labels = xs.map((x, i) => (i % every ? '' : text(px(i), H - 34, x, 'middle', 9))).join('');
    const legend = data
      .map(
        (s, k) =>
          `<rect x="${20 + k * 200}" y="${H - 18}" width="10" height="10" fill="${colours[k % colours.length]}"/>${text(36 + k * 200, H - 9, s.legend, 'start', 11)}`,
      )
      .join('');
    return `<svg width="${W}" height="${H}">${lines}<line x1="0" y1="${H - 48}" x2="${W}" y2="${H - 48}" stroke="#d1d1d1"/>${labels}${legend}</svg>`;
  }
  return '';
}

export async function renderGallery(names?: string[]): Promise<string[]> {
  mkdirSync(OUT, { recursive: true });
  const templates = (
    names ??
    readdirSync(CARDS_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
  ).sort();
  const browser = await launchChromium({ width: 600, height: 800 });
  const written: string[] = [];
  const page = await browser.context.newPage();
  try {
    await page.setContent(PAGE);
    await page.addScriptTag({ content: readFileSync(RENDERER, 'utf8') });
    for (const name of templates) {
      const sample = CARD_SAMPLES[name];
      if (!sample) {
        console.warn(`skipped cards/${name}.json: no sample data in test/support/cardSamples.ts`);
        continue;
      }
      const shots: [string, () => unknown][] = [
        [name, sample.typical],
        ...Object.entries(sample.variants ?? {}).map(([v, build]): [string, () => unknown] => [
          `${name}.${v.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
          build,
        ]),
      ];
      for (const [file, build] of shots) {
        const card = build();
        // As Teams on iOS, Agents Playground and any 1.5 client draw it: each chart's fallback.
        written.push(await draw(file, card, false));
        // As Teams on the web and desktop draw it: the charts (a sketch of them; see drawChart).
        if (JSON.stringify(card).includes('"type":"Chart.'))
          written.push(await draw(`${file}.teams-charts`, card, true));
      }
    }
  } finally {
    await browser.close();
  }
  if (!names) {
    // A full run owns the folder: pictures of templates or variants that are gone go too.
    for (const f of readdirSync(OUT))
      if (f.endsWith('.png') && !written.includes(path.join(OUT, f))) unlinkSync(path.join(OUT, f));
  }
  return written;

  async function draw(name: string, card: unknown, charts: boolean): Promise<string> {
    const problem = await page.evaluate(
      ({ card, hostConfig, charts, drawChart }) => {
        const AC = (window as any).AdaptiveCards;
        const types = ['Chart.VerticalBar', 'Chart.Donut', 'Chart.Line'];
        // The adaptivecards renderer knows no charts (it draws their fallbacks); for the Teams picture
        // the gallery registers a small SVG sketch of each, drawn from the chart's own data.
        const sketch = new Function('type', 'source', `return (${drawChart})(type, source)`);
        if (charts)
          for (const type of types)
            AC.GlobalRegistry.elements.register(
              type,
              class extends AC.CardElement {
                source: unknown;
                getJsonTypeName() {
                  return type;
                }
                internalParse(source: unknown, context: unknown) {
                  super.internalParse(source, context);
                  this.source = source;
                }
                internalRender() {
                  const div = document.createElement('div');
                  div.innerHTML = sketch(type, this.source);
                  return div;
                }
              },
            );
        try {
          const ac = new AC.AdaptiveCard();
          ac.hostConfig = new AC.HostConfig(hostConfig);
          ac.parse(card);
          const el = ac.render();
          const holder = document.getElementById('card')!;
          holder.innerHTML = '';
          if (!el) return 'the renderer returned nothing';
          holder.appendChild(el);
          return '';
        } finally {
          if (charts) for (const type of types) AC.GlobalRegistry.elements.unregister(type);
        }
      },
      { card, hostConfig: HOST_CONFIG, charts, drawChart: drawChart.toString() },
    );
    if (problem) throw new Error(`${name}: ${problem}`);
    const file = path.join(OUT, `${name}.png`);
    writeFileSync(file, await page.locator('#card').screenshot());
    console.log(`docs/cards/${name}.png`);
    return file;
  }
}

if (require.main === module) {
  renderGallery(process.argv.slice(2).length ? process.argv.slice(2) : undefined).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
