import type { CommandHandler } from '../handler';
import { auditCommand } from './audit';
import { caseCommand } from './case';
import { caseload } from './caseload';
import { digest } from './digest';
import { exportCommand } from './export';
import { fhir } from './fhir';
import { discharge } from './discharge';
import { fitnote } from './fitnote';
import { followup } from './followup';
import { plan } from './plan';
import { report } from './report';
import { log } from './session';
import { find } from './find';
import { makeHelp } from './help';
import { refer } from './refer';
import { staff } from './staff';
import { stats } from './stats';
import { today } from './today';
import { whoami } from './whoami';

/** The command table: one handler per command (CONTRACT §2). Adding a command is one line here. */
const table: CommandHandler[] = [];
export const help = makeHelp(() => table);
table.push(help, refer, find, staff, whoami);
table.push(caseload, caseCommand, log, fitnote, plan, report, discharge);
table.push(followup, today);
table.push(auditCommand);
table.push(digest);
table.push(stats, exportCommand, fhir);

export const COMMANDS: ReadonlyMap<string, CommandHandler> = new Map(table.map((c) => [c.name, c]));

/** Splits "find  Jo Bloggs" into the command word (lower case) and the rest. */
export function parseCommand(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return m ? { name: m[1].toLowerCase(), args: m[2].trim() } : { name: '', args: '' };
}
