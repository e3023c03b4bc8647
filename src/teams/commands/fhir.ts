import { downloadCard } from '../../cards/download';
import { fhirExport } from '../../services/reports/fhir';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** `fhir <ref>` (OT or lead): the case as a FHIR R4 Bundle behind a one-time link. */
export const fhir: CommandHandler = {
  name: 'fhir',
  usage: 'fhir <ref>',
  summary: 'Download a case as a FHIR R4 Bundle (UK Core) for another system',
  permission: 'case.readFull',
  async handle({ deps, actor, args }) {
    return [
      cardFor(await fhirExport(deps, actor, args), (r) =>
        downloadCard({
          title: `${r.ref} as FHIR R4`,
          text: 'A FHIR R4 Bundle using the UK Core profiles: the patient, the referral, each session, the phased plan, employment status and the fit notes. Session notes are not included.',
          button: 'Download JSON',
          file: r.file,
          timezone: deps.timezone,
          facts: [{ title: 'Resources', value: String(r.resources) }],
        }),
      ),
    ];
  },
};
