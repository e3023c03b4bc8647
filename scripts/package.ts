/**
 * Builds the Teams app package that an admin uploads: fills the placeholders of
 * deployment/appPackage/manifest.json from the environment, validates the result offline against the
 * schema bundled in @microsoft/app-manifest, checks the icons, and writes
 * deployment/build/cardiac-rtw-teams-app.zip (manifest.json, color.png, outline.png at the zip's root).
 *
 *   MicrosoftAppId=<bot app/client id> BOT_DOMAIN=<web app host> npm run package
 *
 * Optional: TEAMS_APP_ID (defaults to MicrosoftAppId), TEAMS_APP_VERSION (defaults to package.json's
 * version; Teams only accepts an update with a higher version), PUBLISHER_NAME, PUBLISHER_WEBSITE_URL,
 * PRIVACY_URL, TERMS_URL (default to pages on BOT_DOMAIN: set the trust's own), PACKAGE_OUT_DIR.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';

export const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } } as const;
export const PACKAGE_NAME = 'cardiac-rtw-teams-app.zip';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;

export class PackageError extends Error {}

export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'deployment', 'appPackage')))
      return dir;
    dir = path.dirname(dir);
  }
  throw new PackageError(`deployment/appPackage not found above ${__dirname}`);
}

export const appPackageDir = (root = repoRoot()) => path.join(root, 'deployment', 'appPackage');

/** "https://x.azurewebsites.net/api/messages" and "x.azurewebsites.net" both give the bare host. */
export function botDomain(value: string): string {
  const v = value.trim();
  const host = /^[a-z]+:\/\//i.test(v) ? new URL(v).hostname : v.replace(/\/.*$/, '');
  return host.toLowerCase();
}

/** The placeholder values from the environment; throws naming every missing or malformed one. */
export function placeholderValues(
  env: Record<string, string | undefined>,
  defaultVersion: string,
): Record<string, string> {
  const problems: string[] = [];
  const get = (k: string) => (env[k] ?? '').trim();
  const appId = get('MicrosoftAppId');
  if (!GUID.test(appId)) problems.push("MicrosoftAppId must be the bot's Microsoft App (client) id, a GUID");
  const teamsAppId = get('TEAMS_APP_ID') || appId;
  if (get('TEAMS_APP_ID') && !GUID.test(teamsAppId)) problems.push('TEAMS_APP_ID must be a GUID');
  const domain = get('BOT_DOMAIN') ? botDomain(get('BOT_DOMAIN')) : '';
  if (!HOSTNAME.test(domain))
    problems.push('BOT_DOMAIN must be the host the bot answers on, e.g. app-cardiac-rtw-x1.azurewebsites.net');
  const version = get('TEAMS_APP_VERSION') || defaultVersion;
  if (!SEMVER.test(version)) problems.push('TEAMS_APP_VERSION must be like 1.2.3');
  const url = (k: string, fallback: string) => {
    const v = get(k) || fallback;
    if (!/^https:\/\/[^\s"]+$/.test(v)) problems.push(`${k} must be an https:// URL`);
    return v;
  };
  const site = `https://${domain}/`;
  const values = {
    MicrosoftAppId: appId.toLowerCase(),
    TEAMS_APP_ID: teamsAppId.toLowerCase(),
    BOT_DOMAIN: domain,
    TEAMS_APP_VERSION: version,
    PUBLISHER_NAME: get('PUBLISHER_NAME') || 'NHS cardiac rehabilitation',
    PUBLISHER_WEBSITE_URL: url('PUBLISHER_WEBSITE_URL', site),
    PRIVACY_URL: url('PRIVACY_URL', site),
    TERMS_URL: url('TERMS_URL', site),
  };
  if (problems.length) throw new PackageError(`Cannot build the Teams package: ${problems.join('; ')}`);
  return values;
}

/** Replaces every ${{NAME}}; an unknown placeholder is an error, never left in the package. */
export function fillManifest(template: string, values: Record<string, string>): Record<string, unknown> {
  const unknown = new Set<string>();
  const filled = template.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => {
    if (!(name in values)) {
      unknown.add(name);
      return '';
    }
    // JSON-escape without the quotes: values land inside JSON strings.
    return JSON.stringify(values[name]).slice(1, -1);
  });
  if (unknown.size) throw new PackageError(`manifest.json has placeholders with no value: ${[...unknown].join(', ')}`);
  return JSON.parse(filled) as Record<string, unknown>;
}

/**
 * The schema for the manifest's $schema URL from the copy bundled in @microsoft/app-manifest; never
 * fetched (AppManifestUtils.fetchSchema would go to the network when the file is missing).
 */
export function bundledSchema(schemaUrl: string): object {
  const m =
    /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/v[^/]+\/MicrosoftTeams\.schema\.json)$/i.exec(
      schemaUrl,
    );
  if (!m) throw new PackageError(`$schema ${schemaUrl} is not a Teams manifest schema URL the validator bundles`);
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(pkgDir, 'build', m[1]);
  if (!existsSync(file))
    throw new PackageError(`$schema ${schemaUrl} is not bundled in @microsoft/app-manifest (${file})`);
  return JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
}

/** Schema problems of a filled manifest (empty when valid), checked offline. */
export async function schemaProblems(manifest: Record<string, unknown>): Promise<string[]> {
  const schema = bundledSchema(String(manifest.$schema ?? ''));
  // The validator's types are per manifest version; the object is plain JSON either way.
  return AppManifestUtils.validateAgainstSchema(manifest as never, schema as never);
}

/** Width and height from a PNG's IHDR; throws when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') {
    throw new PackageError('not a PNG file');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export interface BuiltPackage {
  zipPath: string;
  manifest: Record<string, unknown>;
}

/** Fills, validates and zips. Throws PackageError listing every problem; writes nothing then. */
export async function buildPackage(env: Record<string, string | undefined>, outDir?: string): Promise<BuiltPackage> {
  const root = repoRoot();
  const dir = appPackageDir(root);
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const manifest = fillManifest(readFileSync(path.join(dir, 'manifest.json'), 'utf8'), placeholderValues(env, version));

  const problems = (await schemaProblems(manifest)).map((p) => `schema: ${p}`);
  const icons = manifest.icons as Record<string, string>;
  const files = new Map<string, Buffer>();
  for (const [kind, { file, size }] of Object.entries(ICONS)) {
    if (icons[kind] !== file) problems.push(`icons.${kind} must be ${file}`);
    const bytes = readFileSync(path.join(dir, file));
    const { width, height } = pngSize(bytes);
    if (width !== size || height !== size) problems.push(`${file} is ${width}x${height}, Teams wants ${size}x${size}`);
    files.set(file, bytes);
  }
  if (problems.length) throw new PackageError(`The Teams manifest is not valid:\n  ${problems.join('\n  ')}`);

  const zip = new JSZip();
  const fixedDate = new Date('2000-01-01T00:00:00Z'); // same inputs, same zip bytes
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: fixedDate });
  for (const [file, bytes] of files) zip.file(file, bytes, { date: fixedDate });
  const out = outDir ?? env.PACKAGE_OUT_DIR ?? path.join(root, 'deployment', 'build');
  mkdirSync(out, { recursive: true });
  const zipPath = path.join(out, PACKAGE_NAME);
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { zipPath, manifest };
}

if (require.main === module) {
  buildPackage(process.env).then(
    ({ zipPath, manifest }) => {
      const bot = (manifest.bots as { botId: string }[])[0];
      console.log(
        `Teams app package written: ${zipPath}\n  app id ${String(manifest.id)}, bot ${bot.botId}, version ${String(manifest.version)}`,
      );
      console.log('Upload it in Teams admin center > Teams apps > Manage apps > Upload new app.');
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
