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
      for (const [file, build] of shots) written.push(await draw(file, build()));
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

  async function draw(name: string, card: unknown): Promise<string> {
    const problem = await page.evaluate(
      ({ card, hostConfig }) => {
        const AC = (window as any).AdaptiveCards;
        const ac = new AC.AdaptiveCard();
        ac.hostConfig = new AC.HostConfig(hostConfig);
        ac.parse(card);
        const el = ac.render();
        const holder = document.getElementById('card')!;
        holder.innerHTML = '';
        if (!el) return 'the renderer returned nothing';
        holder.appendChild(el);
        return '';
      },
      { card, hostConfig: HOST_CONFIG },
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
