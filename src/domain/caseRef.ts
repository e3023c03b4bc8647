/** Case references: `RTW-` and at least four digits, unique within a service. */
export function formatCaseRef(n: number): string {
  return `RTW-${String(n).padStart(4, '0')}`;
}

/** Accepts `RTW-0042`, `rtw-42`, `RTW42`; returns the canonical form, or null. */
export function parseCaseRef(input: string): string | null {
  const m = /^\s*rtw-?(\d{1,9})\s*$/i.exec(input);
  return m ? formatCaseRef(Number(m[1])) : null;
}
