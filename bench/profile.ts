/**
 * Reads a V8 CPU profile (from node:inspector or `node --cpu-prof`) and adds up self time by where
 * the code lives: the bot's own folders under src/, each npm package, Node itself, GC, idle.
 */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export function categoryOf(url: string, fn: string): string {
  if (!url) {
    if (fn === '(idle)') return '(idle)';
    if (fn === '(garbage collector)') return '(garbage collector)';
    if (fn === '(program)') return '(program: native/V8)';
    return '(native)';
  }
  const src = /\/dist\/(src|bench|test)\/([^/]+)/.exec(url);
  if (src) return src[1] === 'src' ? `bot: src/${src[2].replace(/\.js$/, '')}` : `${src[1]}/`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/g;
  let last: string | undefined;
  for (let m = pkg.exec(url); m; m = pkg.exec(url)) last = m[1];
  if (last) return last;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  byCategory: { category: string; ms: number; share: number }[];
  topFunctions: { fn: string; category: string; ms: number }[];
}

export function summariseProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const selfMs = new Map<number, number>();
  if (profile.samples && profile.timeDeltas) {
    // Time of sample i is the delta to the next sample.
    for (let i = 0; i < profile.samples.length; i++) {
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + dt);
    }
  }
  // Code compiled at run time (the embedded store's queries are compiled to functions) has no URL:
  // it is counted where its nearest caller with a URL lives.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ownerOf = (node: ProfileNode): ProfileNode => {
    if (node.callFrame.url || node.callFrame.functionName !== '') return node;
    for (let id = parent.get(node.id); id !== undefined; id = parent.get(id)) {
      const p = byId.get(id)!;
      if (p.callFrame.url) return p;
    }
    return node;
  };
  const byCat = new Map<string, number>();
  const byFn = new Map<string, { category: string; ms: number }>();
  let total = 0;
  for (const node of profile.nodes) {
    const t = selfMs.get(node.id) ?? 0;
    if (!t) continue;
    const owner = ownerOf(node);
    const cat = categoryOf(owner.callFrame.url, owner.callFrame.functionName);
    total += t;
    byCat.set(cat, (byCat.get(cat) ?? 0) + t);
    const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}`;
    const f = byFn.get(key) ?? { category: cat, ms: 0 };
    f.ms += t;
    byFn.set(key, f);
  }
  const idle = byCat.get('(idle)') ?? 0;
  const busy = total - idle;
  return {
    totalMs: total,
    busyMs: busy,
    byCategory: [...byCat.entries()]
      .filter(([c]) => c !== '(idle)')
      .map(([category, ms]) => ({ category, ms, share: busy ? ms / busy : 0 }))
      .sort((a, b) => b.ms - a.ms),
    topFunctions: [...byFn.entries()]
      .filter(([, v]) => v.category !== '(idle)')
      .map(([fn, v]) => ({ fn, category: v.category, ms: v.ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}
