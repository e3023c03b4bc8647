/**
 * The layers of docs/ARCHITECTURE.md, enforced (`npm run deps`, part of `npm test`):
 *   domain ← store ← services ← cards/documents ← teams/http/scheduler ← dev ← app/main/config
 * An arrow may only point down this list. `log.ts` and `util/` are leaves anyone may use.
 */
const ABOVE = {
  domain: '^src/(store|services|cards|documents|teams|http|scheduler|dev|log|util|app|main|config)',
  store: '^src/(services|cards|documents|teams|http|scheduler|dev|app|main|config)',
  services: '^src/(cards|documents|teams|http|scheduler|dev|app|main|config)',
  cards: '^src/(teams|http|scheduler|dev|app|main|config)',
  adapters: '^src/(dev|app|main|config)',
  dev: '^src/(app|main)',
};

/** Local mode's embedded store: development dependencies that src/store/embeddedCosmos.ts loads lazily. */
const EMBEDDED_STORE = '^node_modules/(@vercel/cosmosdb-server|@zeit/cosmosdb-query)/';

const layer = (name, from, to, comment) => ({ name, severity: 'error', comment, from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle, type-only ones included: break it by moving the shared piece down a layer.',
      from: {},
      to: { circular: true },
    },
    layer('domain-is-pure', '^src/domain/', ABOVE.domain, 'Rules take their inputs as arguments: no I/O, no logging, nothing above.'),
    {
      name: 'domain-libraries',
      severity: 'error',
      comment: 'The domain uses zod and luxon (and node:crypto for stable ids) only, and the data it ships.',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'core'], pathNot: '(^|/)node_modules/(zod|luxon)/|^(node:)?crypto$' },
    },
    layer('store-below-services', '^src/store/', ABOVE.store, 'Repositories know Cosmos and the domain, nothing that uses them.'),
    layer('services-below-cards', '^src/services/', ABOVE.services, 'Use cases hand view data up; cards, PDFs and Teams come from above (core/ports.ts).'),
    layer('cards-below-teams', '^src/(cards|documents)/', ABOVE.cards, 'Cards and documents draw view data; they never call Teams, HTTP or jobs.'),
    layer('adapters-below-app', '^src/(teams|http|scheduler)/', ABOVE.adapters, 'Only the composition root wires adapters together.'),
    layer('dev-below-app', '^src/dev/', ABOVE.dev, 'Local-mode extras are started by the app, not the other way round.'),
    {
      name: 'teams-and-http-apart',
      severity: 'error',
      comment: 'HTTP hands /api/messages to a callback; only src/teams knows the Bot Framework.',
      from: { path: '^src/http/' },
      to: { path: '^src/teams/' },
    },
    {
      name: 'botbuilder-only-in-teams',
      severity: 'error',
      comment: 'botbuilder stays behind src/teams/, so that a move to another Teams SDK touches one folder.',
      from: { path: '^src/', pathNot: '^src/teams/' },
      to: { path: '^node_modules/(botbuilder|botbuilder-[^/]+|botframework-[^/]+)/' },
    },
    {
      name: 'production-not-to-tests',
      severity: 'error',
      comment: 'Production code never loads tests, benchmarks or scripts.',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(test|bench|scripts)/|\\.test\\.ts$' },
    },
    {
      name: 'production-not-to-dev-dependencies',
      severity: 'error',
      comment: 'What production loads must be a production dependency (docs/DEPENDENCIES.md).',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], pathNot: EMBEDDED_STORE },
    },
    {
      name: 'embedded-store-lazily-in-local-mode-only',
      severity: 'error',
      comment:
        'The one narrow exception to the rule above. The embedded Cosmos-protocol server and its query engine are ' +
        'development dependencies (npm ci --omit=dev has neither): only local mode needs them, so only ' +
        'src/store/embeddedCosmos.ts loads them, by dynamic import() when it starts, and says what to install when ' +
        'they are missing. A static import, or one from anywhere else, would make every production start need them.',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: EMBEDDED_STORE, dynamic: false },
    },
    {
      name: 'embedded-store-only-from-embeddedCosmos',
      severity: 'error',
      comment: 'See embedded-store-lazily-in-local-mode-only.',
      from: { path: '^src/', pathNot: '\\.test\\.ts$|^src/store/embeddedCosmos\\.ts$' },
      to: { path: EMBEDDED_STORE },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types is still a cycle for the reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    parser: 'swc',
    // node_modules is not followed, but must not be excluded: excluding it dropped every dependency on a
    // package from the graph, so that the rules about packages (botbuilder-only-in-teams, domain-libraries,
    // production-not-to-dev-dependencies) could never fire.
    exclude: { path: '^dist/' },
    // Name packages as the project sees them (node_modules/…), also when node_modules is a symlink.
    preserveSymlinks: true,
  },
};
