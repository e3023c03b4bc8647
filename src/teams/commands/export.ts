import { downloadCard } from '../../cards/download';
import { noticeCard } from '../../cards/notice';
import { exportCases } from '../../services/reports/export';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** `export` (lead): the audit CSV, pseudonymised; `export full` is the explicit, audited choice of identifiers. */
export const exportCommand: CommandHandler = {
  name: 'export',
  usage: 'export [full]',
  summary: 'Download the service’s cases as CSV for audit (pseudonymised; “export full” adds identifiers)',
  permission: 'export',
  async handle({ deps, actor, args }) {
    const choice = args.trim().toLowerCase();
    if (choice !== '' && choice !== 'full') {
      return [
        noticeCard(
          'Export',
          'Send “export” for the pseudonymised CSV, or “export full” if you need names, NHS numbers and dates of birth (this choice is recorded in the audit trail).',
          'warning',
        ),
      ];
    }
    const full = choice === 'full';
    return [
      cardFor(await exportCases(deps, actor, { full }), (r) =>
        downloadCard({
          title: full ? 'Audit export with full identifiers' : 'Audit export (pseudonymised)',
          text: full
            ? 'This file names patients, with NHS numbers and dates of birth. Your choice to export identifiers has been recorded in the audit trail.'
            : 'One row a case with NACR-style fields. No names, NHS numbers or dates of birth: each patient has a stable pseudonym within the service.',
          button: 'Download CSV',
          file: r.file,
          timezone: deps.timezone,
          facts: [{ title: 'Cases', value: String(r.cases) }],
        }),
      ),
    ];
  },
};
