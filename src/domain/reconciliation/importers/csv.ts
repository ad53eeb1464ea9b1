/**
 * Bank statements (and ledger exports) as CSV. The syntax is papaparse's, the layout is a
 * `CsvMapping` (confirmed by the user, saved as a preset, or detected from the first 64 KiB), and
 * the rows are read by the same normaliser as spreadsheets (`csv-rows.ts`).
 *
 * One statement per file, or one per account when an account column names several. Streaming, a
 * new statement starts whenever the account (or the currency) changes from one row to the next,
 * so interleaved accounts give several runs of one account; `parseCsv` joins them.
 */
import { collectStatements, StatementFormatError, type ParseOutcome, type StatementSink, type StreamingStatementParser } from '../statement';
import { detectCsvLayoutOrFailure, type CsvLayout } from './csv-detect';
import type { CsvMapping } from './csv-mapping';
import { createRowNormaliser, mergeAccountRuns } from './csv-rows';
import { createCsvTokenizer, type CsvTokenizer } from './csv-tokens';

export { detectCsvLayout, type CsvLayout } from './csv-detect';
export { CsvMappingSchema, type CsvMapping } from './csv-mapping';

export interface CsvParserOptions {
  /** The column mapping; detected from the first 64 KiB when absent. */
  mapping?: CsvMapping | undefined;
  /** Decimals of the minor unit, overriding the currency's (ISO 4217; 2 when no currency is known). */
  exponent?: number | undefined;
  /** Called once with the detected layout when no mapping was given. */
  onLayout?: ((layout: CsvLayout) => void) | undefined;
}

/** How much text auto-detection looks at before deciding the layout. */
export const DETECTION_SAMPLE_CHARS = 64 * 1024;

/**
 * A push parser for CSV text in chunks of any size. With a mapping it streams from the first
 * chunk; without one it holds the first 64 KiB (whole rows) to detect the layout, then streams.
 */
export function createCsvParser(sink: StatementSink, options: CsvParserOptions = {}): StreamingStatementParser {
  let tokenizer: CsvTokenizer | null = null;
  let finish: (() => void) | null = null;
  let sample = '';

  const start = (mapping: CsvMapping): CsvTokenizer => {
    const normaliser = createRowNormaliser(sink, { mapping, exponent: options.exponent, locationWord: 'line' });
    const started = createCsvTokenizer(mapping.delimiter, (cells, line) => normaliser.row(cells, line));
    finish = () => {
      started.end();
      normaliser.end();
    };
    tokenizer = started;
    return started;
  };

  const detectAndStart = (text: string): CsvTokenizer => {
    const detected = detectCsvLayoutOrFailure(text);
    if (!('layout' in detected)) {
      throw new StatementFormatError('line 1', `the columns could not be recognised (${detected.failure.problem}); map them by hand`);
    }
    options.onLayout?.(detected.layout);
    return start(detected.layout.mapping);
  };

  if (options.mapping) {
    start(options.mapping);
  }

  return {
    write(chunk) {
      if (tokenizer) {
        tokenizer.write(chunk);
        return;
      }
      sample += chunk;
      if (sample.length < DETECTION_SAMPLE_CHARS) {
        return;
      }
      // Detect on whole rows: cut the sample at its last line break.
      const cut = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
      if (cut === -1 && sample.length < 16 * DETECTION_SAMPLE_CHARS) {
        return;
      }
      const held = sample;
      sample = '';
      detectAndStart(cut === -1 ? held : held.slice(0, cut + 1)).write(held);
    },
    end() {
      if (!tokenizer) {
        const held = sample;
        sample = '';
        if (held.replace(/^\uFEFF/, '').trim() === '') {
          throw new StatementFormatError('line 1', 'the file is empty');
        }
        detectAndStart(held).write(held);
      }
      finish?.();
    },
  };
}

/**
 * Parses a whole CSV text; the layout is detected when no mapping is given.
 *
 * @example parseCsv('Date,Amount,Payee\n2024-01-31,-12.50,Shop\n') → one statement, one transaction of -1250
 */
export function parseCsv(text: string, options: Omit<CsvParserOptions, 'onLayout'> = {}): ParseOutcome {
  return joinAccountRuns(collectStatements('csv', text, (sink) => createCsvParser(sink, options)));
}

/** A parsed file with one statement per account, however its rows interleave (see `mergeAccountRuns`). */
export function joinAccountRuns(outcome: ParseOutcome): ParseOutcome {
  return outcome.ok ? { ok: true, value: { ...outcome.value, statements: mergeAccountRuns(outcome.value.statements) } } : outcome;
}
