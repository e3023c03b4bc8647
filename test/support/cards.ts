/** Reading Adaptive Cards in assertions: the text a person would see, and the inputs' values. */
export function walk(node: unknown, visit: (n: any) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
  } else if (node && typeof node === 'object') {
    visit(node);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every TextBlock text, fact and button title, joined: what the reader sees. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  walk(card, (n) => {
    if (n.type === 'TextBlock' && typeof n.text === 'string') parts.push(n.text);
    if (typeof n.title === 'string' && typeof n.value === 'string' && !n.type) parts.push(`${n.title}: ${n.value}`);
    if (typeof n.type === 'string' && n.type.startsWith('Action.') && typeof n.title === 'string')
      parts.push(`[${n.title}]`);
  });
  return parts.join('\n');
}

export function inputs(card: unknown): Record<string, any> {
  const out: Record<string, any> = {};
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') out[n.id] = n;
  });
  return out;
}

export function inputValue(card: unknown, id: string): unknown {
  return inputs(card)[id]?.value;
}

/** Action.Execute buttons by verb. */
export function executeActions(card: unknown): any[] {
  const out: any[] = [];
  walk(card, (n) => {
    if (n.type === 'Action.Execute') out.push(n);
  });
  return out;
}

/** The error message shown beneath an input (the attention TextBlock right after it). */
export function fieldError(card: unknown, id: string): string | undefined {
  let found: string | undefined;
  walk(card, (n) => {
    const items: any[] | undefined = n.body ?? n.items;
    if (!Array.isArray(items)) return;
    items.forEach((item, i) => {
      if (item?.id === id) {
        const next = items[i + 1];
        if (next?.type === 'TextBlock' && next.color === 'attention') found = next.text;
      }
    });
  });
  return found;
}

/** Text left as `${...}` means a template bound to data that was not supplied. */
export function unresolvedBindings(card: unknown): string[] {
  return [...JSON.stringify(card).matchAll(/\$\{[^}]*\}/g)].map((m) => m[0]);
}
