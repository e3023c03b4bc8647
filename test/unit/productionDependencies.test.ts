import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/package';

/**
 * What a production install (`npm ci --omit=dev`, docs/DEPLOYMENT.md step 5) holds is decided by
 * package.json and the `dev` flags of package-lock.json. (That production code loads no development
 * dependency, static or lazy, is .dependency-cruiser.cjs's part, in `npm test`.)
 */
const root = repoRoot();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};
const EMBEDDED_STORE = ['@vercel/cosmosdb-server', '@zeit/cosmosdb-query'];

describe('production dependencies', () => {
  it('has the embedded store and its query engine as development dependencies only', () => {
    for (const name of EMBEDDED_STORE) {
      assert.equal(pkg.dependencies[name], undefined, `${name} is not a production dependency`);
      assert.ok(pkg.devDependencies[name], `${name} is a development dependency`);
      assert.equal(lock.packages[`node_modules/${name}`]?.dev, true, `npm ci --omit=dev leaves ${name} out`);
    }
    // The query engine's old @babel/traverse (a vulnerable range) goes with it.
    assert.equal(lock.packages['node_modules/@babel/traverse']?.dev, true);
  });
});
