import type { ServiceNames } from './domain/serviceName';
import { z } from 'zod';
import { DateTime } from 'luxon';
import { isDivision, type Division, type ServiceDivisions } from './domain/workingDays';
import { isLoopbackUrl } from './util/loopback';

/**
 * Every environment variable the bot reads (CONTRACT §7), parsed once. The rest of the code takes a
 * typed Config and never touches process.env.
 */
const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(/[\s,;]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  );

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const envSchema = z.object({
  NODE_ENV: opt(z.string()),
  PORT: z.preprocess(blank, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: opt(z.string()),
  MicrosoftAppId: opt(z.string()),
  MicrosoftAppPassword: opt(z.string()),
  MicrosoftAppType: z.preprocess(
    blank,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  ),
  MicrosoftAppTenantId: opt(z.string()),
  ALLOWED_TENANT_IDS: z.preprocess(blank, list),
  COSMOS_ENDPOINT: opt(
    z.url({ error: 'COSMOS_ENDPOINT must be a URL such as https://myaccount.documents.azure.com:443/' }),
  ),
  COSMOS_KEY: opt(z.string()),
  COSMOS_DATABASE: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,255}$/)
      .default('cardiac-rtw'),
  ),
  DEFAULT_SERVICE_ID: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'DEFAULT_SERVICE_ID: lower-case letters, digits and dashes')
      .default('mid-yorkshire'),
  ),
  BOOTSTRAP_LEADS: z.preprocess(blank, list),
  DIGEST_TIME: z.preprocess(
    blank,
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'DIGEST_TIME must be HH:MM (24-hour)')
      .default('08:00'),
  ),
  DIGEST_TIMEZONE: z.preprocess(
    blank,
    z
      .string()
      .refine(
        (zone) => DateTime.local().setZone(zone).isValid,
        'DIGEST_TIMEZONE must be an IANA zone such as Europe/London',
      )
      .default('Europe/London'),
  ),
  DIGEST_CATCH_UP_UNTIL: z.preprocess(
    blank,
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'DIGEST_CATCH_UP_UNTIL must be HH:MM (24-hour)')
      .default('12:00'),
  ),
  DIGEST_WINDOW_DAYS: z.preprocess(blank, z.coerce.number().int().min(1).max(60).default(7)),
  DIGEST_TRIGGER_TOKEN: opt(z.string().min(16, 'DIGEST_TRIGGER_TOKEN must be at least 16 characters')),
  LOG_LEVEL: z.preprocess(
    blank,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  PLAYGROUND: z.preprocess(blank, z.enum(['0', '1']).default('1')),
  DEMO_DATA: z.preprocess(blank, z.enum(['0', '1']).default('0')),
  /**
   * Bank-holiday division of each service not in England and Wales, `service:division` pairs:
   * `SERVICE_DIVISIONS=lothian:scotland,belfast-trust:northern-ireland`. Every other service: England and Wales.
   */
  SERVICE_DIVISIONS: z.preprocess(
    blank,
    list.pipe(
      z.array(
        z
          .string()
          .regex(
            /^[a-z0-9][a-z0-9-]{1,62}:(england-and-wales|scotland|northern-ireland)$/,
            'SERVICE_DIVISIONS: service:division pairs, the division one of england-and-wales, scotland, northern-ireland',
          ),
      ),
    ),
  ),
  /**
   * Each service's name as cards show it, `service:Name` pairs separated by commas:
   * `SERVICE_NAMES=mid-yorkshire:Mid Yorkshire Cardiac Rehabilitation`. A service not named shows its
   * id made readable (`mid-yorkshire` → `Mid Yorkshire`).
   */
  SERVICE_NAMES: z.preprocess(
    blank,
    z
      .string()
      .optional()
      .transform((s) =>
        (s ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^[a-z0-9][a-z0-9-]{1,62}:[^:]{1,100}$/,
              'SERVICE_NAMES: service:Name pairs separated by commas, e.g. mid-yorkshire:Mid Yorkshire Cardiac Rehabilitation',
            ),
        ),
      ),
  ),
  RETENTION_YEARS: z.preprocess(blank, z.coerce.number().int().min(1).max(100).default(8)),
  PUBLIC_BASE_URL: opt(z.url({ error: 'PUBLIC_BASE_URL must be a URL such as https://rtw-bot.example.nhs.uk' })),
  FHIR_IDENTIFIER_BASE: opt(
    z.url({
      protocol: /^https$/,
      error:
        'FHIR_IDENTIFIER_BASE must be an https URL under your organisation’s domain, such as https://fhir.example.nhs.uk',
    }),
  ),
});

/**
 * Names identifiers when neither FHIR_IDENTIFIER_BASE nor an https PUBLIC_BASE_URL is set (local mode):
 * `.invalid` is reserved (RFC 2606), so an export made that way says plainly that no namespace was set.
 */
export const UNSET_IDENTIFIER_BASE = 'https://identifiers-not-configured.invalid';

export interface Config {
  production: boolean;
  port: number;
  /** Loopback when inbound authentication is off, so that nobody else can talk to an open bot. */
  host: string;
  auth: {
    appId?: string;
    appPassword?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
  };
  /** Inbound authentication is off when there is no app id (local mode). */
  authenticationEnabled: boolean;
  allowedTenantIds: string[];
  cosmos: {
    /** Undefined: start the embedded memory-only server. */
    endpoint?: string;
    key?: string;
    database: string;
    /** A loopback endpoint is a local emulator with a self-signed certificate. */
    local: boolean;
  };
  defaultServiceId: string;
  bootstrapLeads: string[];
  /** Services whose bank holidays are not England and Wales' (SERVICE_DIVISIONS). */
  serviceDivisions: ServiceDivisions;
  /** Services' display names (SERVICE_NAMES); others show their id made readable. */
  serviceNames: ServiceNames;
  /** `catchUpUntil`: a bot that was down at `time` still sends the day's digest on start-up until then. */
  digest: { time: string; timezone: string; windowDays: number; triggerToken?: string; catchUpUntil: string };
  logLevel: string;
  playground: boolean;
  demoData: boolean;
  /** Discharged cases are purged this many years after discharge (NHS records code: 8 years for adults). */
  retentionYears: number;
  /** Where download links (GET /files/<id>) point; undefined: the bot's own listening address. */
  publicBaseUrl?: string;
  /**
   * The https namespace of the service's own identifiers in FHIR exports (case references):
   * FHIR_IDENTIFIER_BASE, else PUBLIC_BASE_URL when it is https, else `UNSET_IDENTIFIER_BASE`.
   */
  fhirIdentifierBase: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && (!e.MicrosoftAppId || !e.COSMOS_ENDPOINT)) {
    throw new ConfigError(
      'Refusing to start: NODE_ENV=production needs MicrosoftAppId (inbound authentication) and COSMOS_ENDPOINT (a durable store). ' +
        'Local mode (memory-only store, no authentication) is for development only.',
    );
  }
  // The account key (or a token) goes with every request: plain HTTP only to an emulator on this machine.
  if (e.COSMOS_ENDPOINT && new URL(e.COSMOS_ENDPOINT).protocol !== 'https:' && !isLoopbackUrl(e.COSMOS_ENDPOINT)) {
    throw new ConfigError(
      'COSMOS_ENDPOINT must be https:// (plain http:// is accepted only for an emulator on localhost or 127.0.0.1).',
    );
  }
  if (e.MicrosoftAppId && e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
    throw new ConfigError(`MicrosoftAppType=${e.MicrosoftAppType} needs MicrosoftAppTenantId.`);
  }
  const authenticationEnabled = Boolean(e.MicrosoftAppId);
  return {
    production,
    port: e.PORT,
    // Without inbound authentication anyone who can reach the port could act as any user: loopback only.
    host: authenticationEnabled ? (e.HOST ?? '0.0.0.0') : '127.0.0.1',
    auth: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
    },
    authenticationEnabled,
    allowedTenantIds: e.ALLOWED_TENANT_IDS.map((t) => t.toLowerCase()),
    cosmos: {
      endpoint: e.COSMOS_ENDPOINT,
      key: e.COSMOS_KEY,
      database: e.COSMOS_DATABASE,
      local: e.COSMOS_ENDPOINT ? isLoopbackUrl(e.COSMOS_ENDPOINT) : true,
    },
    defaultServiceId: e.DEFAULT_SERVICE_ID,
    bootstrapLeads: e.BOOTSTRAP_LEADS.map((id) => id.toLowerCase()),
    serviceDivisions: serviceDivisionsFrom(e.SERVICE_DIVISIONS),
    serviceNames: serviceNamesFrom(e.SERVICE_NAMES),
    digest: {
      time: e.DIGEST_TIME,
      timezone: e.DIGEST_TIMEZONE,
      windowDays: e.DIGEST_WINDOW_DAYS,
      triggerToken: e.DIGEST_TRIGGER_TOKEN,
      catchUpUntil: e.DIGEST_CATCH_UP_UNTIL,
    },
    logLevel: e.LOG_LEVEL,
    playground: !authenticationEnabled && e.PLAYGROUND === '1',
    demoData: e.DEMO_DATA === '1',
    retentionYears: e.RETENTION_YEARS,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    fhirIdentifierBase: (
      e.FHIR_IDENTIFIER_BASE ?? (e.PUBLIC_BASE_URL?.startsWith('https://') ? e.PUBLIC_BASE_URL : UNSET_IDENTIFIER_BASE)
    ).replace(/\/+$/, ''),
  };
}

function serviceNamesFrom(pairs: readonly string[]): ServiceNames {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf(':');
    const serviceId = pair.slice(0, at);
    const name = pair.slice(at + 1).trim();
    if (out[serviceId] && out[serviceId] !== name)
      throw new ConfigError(`SERVICE_NAMES names ${serviceId} twice, with different names.`);
    out[serviceId] = name;
  }
  return out;
}

function serviceDivisionsFrom(pairs: readonly string[]): ServiceDivisions {
  const out: Record<string, Division> = {};
  for (const pair of pairs) {
    const [serviceId, division] = pair.split(':');
    if (!isDivision(division)) continue; // the schema's pattern already refused it
    if (out[serviceId] && out[serviceId] !== division)
      throw new ConfigError(`SERVICE_DIVISIONS names ${serviceId} twice, with different divisions.`);
    out[serviceId] = division;
  }
  return out;
}
