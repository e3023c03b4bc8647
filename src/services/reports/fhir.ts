import { caseBundle } from '../../domain/fhir';
import { audit } from '../core/audit';
import { caseFor } from '../cases/access';
import { nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import type { OfferedFile } from '../core/ports';
import { ok, type Outcome } from '../core/outcome';

export const FHIR_REFUSAL = 'Only occupational therapists and service leads can export a case as FHIR.';

export interface FhirResult {
  ref: string;
  file: OfferedFile;
  resources: number;
}

/** `fhir <ref>` (OT or lead): the whole case as a FHIR R4 Bundle (UK Core), offered as a one-time JSON download. */
export async function fhirExport(deps: ServiceDeps, actor: Actor, ref: string): Promise<Outcome<FhirResult>> {
  const found = await caseFor(deps, actor, 'case.fhir', 'case.readFull', { ref }, FHIR_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  const bundle = caseBundle(record, nowIso(deps), { identifierBase: deps.fhirIdentifierBase, today: today(deps) });
  await audit(deps, actor, {
    action: 'case.fhir',
    outcome: 'ok',
    caseId: record.id,
    caseRef: record.ref,
    detail: { resources: bundle.entry.length },
  });
  const file = await deps.files.offer(actor, {
    kind: 'fhir',
    filename: `${record.ref}-fhir-r4-bundle-${today(deps)}.json`,
    contentType: 'application/fhir+json; charset=utf-8',
    body: Buffer.from(JSON.stringify(bundle, null, 2), 'utf8'),
    caseId: record.id,
    caseRef: record.ref,
  });
  return ok({ ref: record.ref, file, resources: bundle.entry.length });
}
