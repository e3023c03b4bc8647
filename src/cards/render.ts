import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import type { CardJson } from '../services/core/ports';

/**
 * The one place card templates (top-level `cards/*.json`) are loaded and expanded with
 * adaptivecards-templating. Screens pass plain data; the template owns the layout.
 */
export type AdaptiveCard = CardJson;

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

function findCardsDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'cards');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('cards/ folder not found next to package.json');
}

export const CARDS_DIR = findCardsDir();
const templates = new Map<string, Template>();

function templateFor(name: string): Template {
  let t = templates.get(name);
  if (!t) {
    const json = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'));
    t = new Template(json);
    templates.set(name, t);
  }
  return t;
}

/** Expands `cards/<name>.json` with `data` as `$root`. */
export function renderCard(name: string, data: object): AdaptiveCard {
  return dropEmptyNumberValues(templateFor(name).expand({ $root: data })) as AdaptiveCard;
}

/**
 * A blank number field must carry no `value`: Teams' renderer (seen in Agents Playground) shows
 * `value: ""` as 0, and a `min` above 0 then blocks the submit of a field the user never touched.
 */
function dropEmptyNumberValues<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(dropEmptyNumberValues);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Input.Number' && o.value === '') delete o.value;
    Object.values(o).forEach(dropEmptyNumberValues);
  }
  return node;
}
