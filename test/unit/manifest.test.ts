import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync, crc32 } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import sinon from 'sinon';
import {
  appPackageDir,
  buildPackage,
  bundledSchema,
  fillManifest,
  PACKAGE_NAME,
  PackageError,
  schemaProblems,
} from '../../scripts/package';

/** CONTRACT §2, the chat commands. */
const CONTRACT_COMMANDS = [
  'help',
  'refer',
  'caseload',
  'find',
  'case',
  'log',
  'plan',
  'fitnote',
  'report',
  'discharge',
  'followup',
  'digest',
  'stats',
  'export',
  'fhir',
  'staff',
  'audit',
  'whoami',
  'followup',
  'today',
];

/**
 * The schema allows at most 12 commands in a list, and one list per scope is what Teams shows; the
 * contract has 19. Left out of the menu, each named in help's description instead: the case hub's
 * buttons (plan, fitnote, report, discharge) and the lead's occasional tools (export, fhir, audit).
 */
const NOT_IN_MENU = ['plan', 'fitnote', 'report', 'discharge', 'export', 'fhir', 'audit'];

const BOT_ID = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
const ENV = { MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'https://app-cardiac-rtw-test.azurewebsites.net/api/messages' };

type CommandList = { scopes: string[]; commands: { title: string; description: string }[] };
type Bot = { botId: string; scopes: string[]; commandLists: CommandList[] };

/** A PNG read from its bytes: every chunk's CRC checked, IDAT inflated and un-filtered into RGBA rows. */
function decodePng(bytes: Buffer): {
  width: number;
  height: number;
  colourType: number;
  pixel(x: number, y: number): number[];
} {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let offset = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    assert.equal(crc, crc32(bytes.subarray(offset + 4, offset + 8 + length)) >>> 0, `CRC of ${type}`);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  assert.ok(ihdr && ended && idat.length > 0, 'IHDR, IDAT and IEND present');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8];
  const colourType = ihdr[9];
  assert.equal(bitDepth, 8, 'this reader handles 8-bit PNGs');
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colourType];
  assert.ok(channels, `colour type ${colourType} (no palettes)`);
  assert.equal(ihdr[12], 0, 'not interlaced');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  assert.equal(raw.length, height * (stride + 1), 'IDAT holds exactly height rows of width pixels');
  const rows: Buffer[] = [];
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const add = [0, a, b, (a + b) >> 1, paeth][filter];
      assert.ok(add !== undefined, `filter type ${filter}`);
      line[i] = (line[i] + add) & 0xff;
    }
    rows.push(line);
    prev = line;
  }
  return {
    width,
    height,
    colourType,
    pixel(x, y) {
      const px = [...rows[y].subarray(x * channels, (x + 1) * channels)];
      if (channels === 4) return px;
      if (channels === 3) return [...px, 255];
      if (channels === 2) return [px[0], px[0], px[0], px[1]];
      return [px[0], px[0], px[0], 255];
    },
  };
}

describe('Teams app package (deployment/appPackage, npm run package)', () => {
  let out: string;
  let zip: JSZip;
  let manifest: Record<string, unknown>;
  let bot: Bot;

  before(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'rtw-package-'));
    // Validation must never go to the network: the schema comes from the validator's own bundle.
    const fetchSchema = sinon.stub(AppManifestUtils, 'fetchSchema').rejects(new Error('network used'));
    try {
      const built = await buildPackage(ENV, out);
      assert.equal(built.zipPath, path.join(out, PACKAGE_NAME));
    } finally {
      fetchSchema.restore();
    }
    zip = await JSZip.loadAsync(readFileSync(path.join(out, PACKAGE_NAME)));
    manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
    bot = (manifest.bots as Bot[])[0];
  });

  after(() => rmSync(out, { recursive: true, force: true }));

  it('zips exactly manifest.json and the two icons, at the root', () => {
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    assert.deepEqual(names, ['color.png', 'manifest.json', 'outline.png']);
  });

  it('fills every placeholder from the environment', async () => {
    const text = await zip.file('manifest.json')!.async('string');
    assert.doesNotMatch(text, /\$\{\{/);
    assert.equal(bot.botId, BOT_ID);
    assert.equal(manifest.id, BOT_ID, 'TEAMS_APP_ID defaults to the bot id');
    assert.deepEqual(manifest.validDomains, ['app-cardiac-rtw-test.azurewebsites.net']);
    assert.match(String(manifest.version), /^\d+\.\d+\.\d+$/);
  });

  it('passes the bundled Teams schema of its $schema version, offline', async () => {
    assert.match(
      String(manifest.$schema),
      /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.\d+\/MicrosoftTeams\.schema\.json$/,
    );
    assert.equal(`v${String(manifest.manifestVersion)}`, /\/(v[^/]+)\//.exec(String(manifest.$schema))![1]);
    const schema = bundledSchema(String(manifest.$schema));
    const stub = sinon.stub(AppManifestUtils, 'fetchSchema').rejects(new Error('network used'));
    try {
      assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest as never, schema as never), []);
      // The same validator rejects a broken manifest, so the empty list above means something.
      const broken = { ...manifest, bots: [{ ...bot, botId: 'not-a-guid' }] };
      const problems = await AppManifestUtils.validateAgainstSchema(broken as never, schema as never);
      assert.ok(
        problems.some((p) => p.includes('/bots/0/botId')),
        problems.join('\n'),
      );
      assert.equal(stub.callCount, 0);
    } finally {
      stub.restore();
    }
  });

  it('is a bot for personal chat and teams', () => {
    assert.deepEqual([...bot.scopes].sort(), ['personal', 'team']);
  });

  it('uses the newest manifest schema the validator bundles', () => {
    const bundled = readdirSync(
      path.join(
        path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
        'build',
        'json-schemas',
        'teams',
      ),
    )
      .map((v) => /^v(\d+)\.(\d+)$/.exec(v))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [Number(m[1]), Number(m[2])])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const newest = bundled.at(-1)!.join('.');
    assert.equal(manifest.manifestVersion, newest);
  });

  it('has one command list per scope: in personal chat at most 12 contract commands, followup and today among them', () => {
    for (const scope of ['personal', 'team']) {
      const lists = bot.commandLists.filter((l) => l.scopes.includes(scope));
      assert.equal(lists.length, 1, `one ${scope} list: Teams may show only the first of several`);
    }
    const personal = bot.commandLists.find((l) => l.scopes.includes('personal'))!.commands.map((c) => c.title);
    assert.ok(personal.length <= 12, `${personal.length} commands; the schema allows 12`);
    assert.equal(new Set(personal).size, personal.length, 'each command once');
    assert.deepEqual(
      personal.filter((c) => !CONTRACT_COMMANDS.includes(c)),
      [],
      'only contract commands',
    );
    for (const c of ['followup', 'today', 'help', 'refer', 'case']) assert.ok(personal.includes(c), c);
    // Every contract command is in the menu, or reached from the hub's buttons and named in help's description.
    assert.deepEqual(CONTRACT_COMMANDS.filter((c) => !personal.includes(c)).sort(), [...NOT_IN_MENU].sort());
    const help = bot.commandLists.find((l) => l.scopes.includes('personal'))!.commands.find((c) => c.title === 'help')!;
    for (const c of NOT_IN_MENU) assert.match(help.description, new RegExp(`\\b${c}\\b`), `help names ${c}`);
    const team = bot.commandLists.find((l) => l.scopes.includes('team'))!.commands.map((c) => c.title);
    assert.deepEqual(team.sort(), ['help', 'whoami'], 'in a team channel only what shows no patient data');
  });

  it('has a 192x192 colour icon and a 32x32 outline icon that is white on transparent', async () => {
    assert.deepEqual(manifest.icons, { color: 'color.png', outline: 'outline.png' });
    const colour = decodePng(await zip.file('color.png')!.async('nodebuffer'));
    assert.deepEqual([colour.width, colour.height], [192, 192]);

    const outline = decodePng(await zip.file('outline.png')!.async('nodebuffer'));
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    assert.ok(outline.colourType === 4 || outline.colourType === 6, 'the outline has an alpha channel');
    let transparent = 0;
    let drawn = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = outline.pixel(x, y);
        if (a === 0) transparent++;
        else {
          drawn++;
          assert.deepEqual([r, g, b], [255, 255, 255], `outline pixel ${x},${y} is white`);
        }
      }
    }
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ])
      assert.equal(outline.pixel(x, y)[3], 0, `corner ${x},${y} transparent`);
    assert.ok(transparent > 512 && drawn > 64, `transparent ${transparent}, drawn ${drawn}`);
  });

  it('the committed icons are the ones packaged', async () => {
    for (const file of ['color.png', 'outline.png']) {
      assert.ok(readFileSync(path.join(appPackageDir(), file)).equals(await zip.file(file)!.async('nodebuffer')));
    }
  });

  it('refuses to build without a bot id or domain, naming what is missing, and writes nothing', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'rtw-package-'));
    try {
      await assert.rejects(
        buildPackage({ BOT_DOMAIN: 'x.azurewebsites.net' }, empty),
        (e: Error) => e instanceof PackageError && /MicrosoftAppId/.test(e.message),
      );
      await assert.rejects(buildPackage({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'not a host' }, empty), /BOT_DOMAIN/);
      assert.equal(existsSync(path.join(empty, PACKAGE_NAME)), false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses a placeholder that has no value', () => {
    assert.throws(() => fillManifest('{"id": "${{NO_SUCH}}"}', {}), /NO_SUCH/);
  });

  it('reports a schema problem of a filled manifest', async () => {
    const tooLong = { ...manifest, name: { short: 'x'.repeat(31), full: 'x' } };
    assert.ok((await schemaProblems(tooLong)).some((p) => p.includes('/name/short')));
  });
});
