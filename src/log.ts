import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs (JSON lines). They carry ids, verbs, outcomes and timings, never patient data:
 * code logs only the fields it chooses, and redaction is a second line of defence for known paths.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'cardiac-rtw-bot' },
      redact: {
        paths: [
          '*.patientName',
          '*.nhsNumber',
          '*.dateOfBirth',
          '*.phone',
          '*.notes',
          '*.text',
          '*.value',
          '*.patient',
          'req.headers.authorization',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
