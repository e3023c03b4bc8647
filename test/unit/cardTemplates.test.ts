import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CARDS_DIR, type AdaptiveCard } from '../../src/cards/render';
import { COMMANDS, parseCommand } from '../../src/teams/commands';
import { VERBS } from '../../src/teams/verbs';
import { executeActions, unresolvedBindings, walk } from '../support/cards';
import { CARD_SAMPLES } from '../support/cardSamples';

// The package's `lib/` build is ESM without file extensions, which Node cannot load; its UMD
// bundle parses and validates cards without a DOM.
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Teams refuses cards over about 28 KB (413). */
const MAX_CARD_BYTES = 28 * 1024;

/** Every problem the renderer's parser and validator report for `card` read as Adaptive Cards 1.5. */
function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card as object, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents)
    problems.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  return problems;
}

function isImBack(action: any): boolean {
  const m = action?.data?.msteams;
  return Boolean(m && (m.type === 'imBack' || m.type === 'messageBack')) && Object.keys(action.data).length === 1;
}

/**
 * Templates still allowed an imBack button, each with the reason: none. Agents Playground posts nothing
 * for an imBack ("Cannot add property msTeams, object is not extensible"), so navigation is `nav.open`.
 */
const IMBACK_STILL_ALLOWED = new Set<string>();

/**
 * Buttons that send data an input of the same card also sends: with `associatedInputs` "auto" (the
 * default) the client merges the card's inputs into the button's data and the input wins, so a
 * "Remove" beside Kit removed whoever the form named. Such a button must set `associatedInputs: "none"`.
 */
function collidingButtons(card: unknown): string[] {
  const ids = new Set<string>();
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') ids.add(n.id);
  });
  const out: string[] = [];
  walk(card, (n) => {
    if (n.type !== 'Action.Execute' && n.type !== 'Action.Submit') return;
    if (!n.data || typeof n.data !== 'object' || n.associatedInputs === 'none') return;
    const shared = Object.keys(n.data).filter((k) => ids.has(k));
    if (shared.length) out.push(`"${n.title}" (${n.verb ?? n.type}) carries ${shared.join(', ')}, also an input`);
  });
  return out;
}

/**
 * What the renderer says of Teams' people picker (CONTRACT §3): `choices.data` with Data.Query, which
 * Teams draws in 1.5 cards and which the renderer only knows from 1.6; its choices come from the
 * directory, so the list in the card is empty. Accepted only on a card that has the picker.
 */
const PEOPLE_PICKER_PROBLEMS = [
  'parse: UnsupportedProperty: Property "choices.data" is supported in version 1.6, but you are using version 1.5.',
  'validate: CollectionCantBeEmpty: An Input.ChoiceSet must have at least one choice defined.',
];

function hasPeoplePicker(card: unknown): boolean {
  let found = false;
  walk(card, (n) => {
    if (n.type === 'Input.ChoiceSet' && n['choices.data']?.dataset === 'graph.microsoft.com/users') found = true;
  });
  return found;
}

/**
 * Teams' charts (`Chart.VerticalBar`, `Chart.Donut`, `Chart.Line`…) are not Adaptive Cards 1.5
 * elements: the 1.5 renderer reports each as unknown and draws its `fallback` in its place, as Teams on
 * iOS and Agents Playground do. That report is accepted for a chart only, and only when the chart's
 * fallback is an element (not "drop", not missing) that the renderer then holds in the parsed card.
 */
const chartProblem = (type: string) =>
  `parse: UnknownElementType: Unknown element type "${type}". Fallback will be used if present.`;

function chartsOf(card: unknown): any[] {
  const out: any[] = [];
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Chart.')) out.push(n);
  });
  return out;
}

/** Problems of charts drawn as a 1.5 client draws them: every chart's fallback must be what it shows. */
function chartFallbackProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card as object, new AC.SerializationContext(AC.Versions.v1_5));
  const drawn = JSON.stringify(parsed.toJSON());
  const out: string[] = [];
  for (const chart of chartsOf(card)) {
    const fb = chart.fallback;
    if (!fb || typeof fb !== 'object' || typeof fb.id !== 'string') {
      out.push(`${chart.type} has no fallback element with an id`);
      continue;
    }
    if (!parsed.getElementById(fb.id)) out.push(`${chart.type}: its fallback ${fb.id} is not in the drawn card`);
  }
  if (/"type":"Chart\./.test(drawn)) out.push('a chart element is left in the drawn card');
  return out;
}

function expansions(name: string): [string, () => AdaptiveCard][] {
  const sample = CARD_SAMPLES[name];
  return [
    ['typical', sample.typical],
    ...(sample.largest ? [['largest', sample.largest] as [string, () => AdaptiveCard]] : []),
    ...Object.entries(sample.variants ?? {}),
  ];
}

const templates = readdirSync(CARDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

describe('card templates (every file in cards/, expanded with test/support/cardSamples.ts)', () => {
  it('finds the templates', () => {
    assert.ok(templates.length >= 7, `found ${templates.length}`);
  });

  it('has sample data for every template, and none for templates that do not exist', () => {
    const missing = templates.filter((t) => !CARD_SAMPLES[t]);
    assert.deepEqual(
      missing,
      [],
      `add sample data for ${missing.map((m) => `cards/${m}.json`).join(', ')} to test/support/cardSamples.ts`,
    );
    const stale = Object.keys(CARD_SAMPLES).filter((k) => !templates.includes(k));
    assert.deepEqual(stale, [], `sample data for templates that no longer exist: ${stale.join(', ')}`);
  });

  it('catches what it claims to: an unknown element, duplicate input ids and a verb outside the table are reported', () => {
    const bad = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Input.Txet', id: 'x' }],
      actions: [{ type: 'Action.Execute', verb: 'no.such.verb', title: 'Go' }],
    };
    assert.ok(cardProblems(bad).length > 0, 'an unknown element type is reported');
    assert.ok(!VERBS.has(executeActions(bad)[0].verb));
    const bars = { type: 'Chart.VerticalBar', data: [{ x: 'a', y: 1 }] };
    const withFallback = { ...bars, fallback: { type: 'TextBlock', id: 'fb', text: 'a: 1' } };
    const card = (el: object) => ({ type: 'AdaptiveCard', version: '1.5', body: [el] });
    assert.deepEqual(cardProblems(card(bars)), [chartProblem('Chart.VerticalBar')], 'a chart is unknown to 1.5');
    assert.equal(chartFallbackProblems(card(bars)).length, 1, 'a chart without a fallback is reported');
    assert.equal(chartFallbackProblems(card({ ...bars, fallback: 'drop' })).length, 1, 'a dropped chart too');
    assert.deepEqual(chartFallbackProblems(card(withFallback)), [], 'a fallback element is drawn');
    const remove = { type: 'Action.Execute', verb: 'staff.remove', title: 'Remove', data: { aadObjectId: 'x' } };
    const form = { type: 'Input.Text', id: 'aadObjectId' };
    assert.equal(collidingButtons({ body: [form], actions: [remove] }).length, 1, 'a colliding button is reported');
    assert.deepEqual(collidingButtons({ body: [form], actions: [{ ...remove, associatedInputs: 'none' }] }), []);
    assert.ok(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'Input.Text', id: 'a' },
          { type: 'Input.Text', id: 'a' },
        ],
      }).length > 0,
      'duplicate ids are reported',
    );
  });

  for (const name of templates) {
    describe(`cards/${name}.json`, () => {
      const raw = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'));

      it('is an Adaptive Card 1.5 template', () => {
        assert.equal(raw.type, 'AdaptiveCard');
        assert.equal(raw.version, '1.5', 'Teams renders 1.5: keep every template at 1.5');
      });

      it('has sample data', () => {
        assert.ok(
          CARD_SAMPLES[name],
          `cards/${name}.json has no sample data: add an entry "${name}" to CARD_SAMPLES in test/support/cardSamples.ts`,
        );
      });

      it('uses only verbs the bot handles, and Action.Execute for every button carrying data', () => {
        const unknownTemplateVerbs: string[] = [];
        walk(raw, (n) => {
          if (n.type === 'Action.Execute' && typeof n.verb === 'string' && !n.verb.includes('${') && !VERBS.has(n.verb))
            unknownTemplateVerbs.push(n.verb);
          // Every button is Action.Execute: navigation is `nav.open`, data changes their own verbs.
          if (n.type === 'Action.Submit' && !(isImBack(n) && IMBACK_STILL_ALLOWED.has(name)))
            unknownTemplateVerbs.push('Action.Submit (use Action.Execute; navigation is nav.open)');
        });
        assert.deepEqual(
          unknownTemplateVerbs,
          [],
          `not in src/teams/verbs/index.ts: ${unknownTemplateVerbs.join(', ')}`,
        );
        if (!CARD_SAMPLES[name]) return;
        for (const [variant, build] of expansions(name)) {
          const card = build();
          const verbs = executeActions(card).map((a) => a.verb as string);
          const unknown = verbs.filter((v) => !VERBS.has(v));
          assert.deepEqual(unknown, [], `${variant}: verbs not in src/teams/verbs/index.ts: ${unknown.join(', ')}`);
          const commands: string[] = [];
          walk(card, (n) => {
            if (n.type === 'Action.Submit' && isImBack(n))
              commands.push(parseCommand(String(n.data.msteams.value)).name);
            if (n.type === 'Action.Execute' && n.verb === 'nav.open') {
              assert.equal(typeof n.data?.command, 'string', `${variant}: "${n.title}" names no command`);
              commands.push(parseCommand(n.data.command).name);
            }
          });
          const unknownCommands = commands.filter((c) => !COMMANDS.has(c));
          assert.deepEqual(unknownCommands, [], `${variant}: buttons type commands not in src/teams/commands/index.ts`);
        }
      });

      it('has no button whose data an input of the same name would overwrite', function () {
        assert.deepEqual(collidingButtons(raw), [], 'in the template');
        if (!CARD_SAMPLES[name]) this.skip();
        for (const [variant, build] of expansions(name))
          assert.deepEqual(collidingButtons(build()), [], `${variant}: set associatedInputs "none" or rename`);
      });

      it('expands with no ${...} left and no renderer problems for Adaptive Cards 1.5', function () {
        if (!CARD_SAMPLES[name]) this.skip();
        for (const [variant, build] of expansions(name)) {
          const card = build();
          assert.deepEqual(unresolvedBindings(card), [], `${variant}: bindings left unresolved`);
          const chartProblems = chartsOf(card)
            .filter((c) => c.fallback && typeof c.fallback === 'object')
            .map((c) => chartProblem(c.type));
          assert.deepEqual(
            cardProblems(card)
              .filter((p) => !PEOPLE_PICKER_PROBLEMS.includes(p) || !hasPeoplePicker(card))
              .filter((p) => !chartProblems.includes(p)),
            [],
            `${variant}: the adaptivecards renderer reports problems`,
          );
          const blankNumbers: string[] = [];
          walk(card, (n) => {
            if (n.type === 'Input.Number' && n.value === '') blankNumbers.push(n.id);
          });
          // Teams shows value "" as 0, and a min above 0 then blocks submitting an untouched field.
          assert.deepEqual(blankNumbers, [], `${variant}: number inputs with value "" (leave the value out instead)`);
        }
      });

      it('gives every chart a fallback element, which is what a 1.5 client draws', function () {
        if (!CARD_SAMPLES[name]) this.skip();
        for (const [variant, build] of expansions(name)) assert.deepEqual(chartFallbackProblems(build()), [], variant);
      });

      it('shows no text a renderer would take for an HTML tag and drop ("case <ref>" read "case")', function () {
        if (!CARD_SAMPLES[name]) this.skip();
        for (const [variant, build] of expansions(name)) {
          const tags: string[] = [];
          walk(build(), (n) => {
            for (const text of [n.type === 'TextBlock' ? n.text : undefined, n.title, n.value])
              if (typeof text === 'string' && /<[a-z][^<>]*>/i.test(text)) tags.push(text);
          });
          assert.deepEqual(tags, [], variant);
        }
      });

      it('stays under 28 KB with its largest realistic data', function () {
        if (!CARD_SAMPLES[name]) this.skip();
        for (const [variant, build] of expansions(name)) {
          const bytes = Buffer.byteLength(JSON.stringify(build()), 'utf8');
          assert.ok(
            bytes < MAX_CARD_BYTES,
            `${variant}: ${bytes} bytes, over Teams' limit of ${MAX_CARD_BYTES}: page or shorten it`,
          );
        }
      });
    });
  }
});
