import { cellOf } from './cells.js';
import { LOSSES } from './losses.js';
import { PAIRS } from './protocols.js';
import { SCENARIO_NAMES } from './scenarios.js';

/**
 * The matrix as Markdown: one row per inbound -> outbound pair, one column per scenario,
 * `✓` (passes both directions, streamed and not, in memory and over HTTP), `– [n]`
 * (unsupported: the numbered reason; the documented behaviour is asserted instead) or `✗ [n]`
 * (known adapter gap: asserted to fail until fixed).
 */
export function matrixMarkdown(): string {
  const reasons: string[] = [];
  const note = (reason: string): number => {
    const at = reasons.indexOf(reason);
    if (at !== -1) return at + 1;
    reasons.push(reason);
    return reasons.length;
  };
  const header = `| client → upstream | ${SCENARIO_NAMES.join(' | ')} |`;
  const rule = `|---|${SCENARIO_NAMES.map(() => ':-:').join('|')}|`;
  const rows = PAIRS.map(([inbound, outbound]) => {
    const cells = SCENARIO_NAMES.map((scenario) => {
      const cell = cellOf(scenario, inbound.name, outbound.name);
      if (cell.status === 'pass') return '✓';
      const refs = cell.reasons.map((r) => `[${note(r)}]`).join('');
      return `${cell.status === 'gap' ? '✗' : '–'} ${refs}`;
    });
    return `| ${inbound.name} → ${outbound.name} | ${cells.join(' | ')} |`;
  });
  const notes = reasons.map((reason, i) => `${i + 1}. ${reason}`);
  const losses = LOSSES.map((loss) => `| ${loss.outbound} | ${loss.what} | ${loss.why} |`);
  return [
    header,
    rule,
    ...rows,
    '',
    ...notes,
    '',
    'Documented losses, allowed by the request checks (everything else must survive):',
    '',
    '| upstream | what is not sent as given | why |',
    '|---|---|---|',
    ...losses,
  ].join('\n');
}

/** Counts for the printed summary. */
export function matrixCounts(): Record<'pass' | 'unsupported' | 'gap', number> {
  const counts = { pass: 0, unsupported: 0, gap: 0 };
  for (const [inbound, outbound] of PAIRS) for (const scenario of SCENARIO_NAMES) counts[cellOf(scenario, inbound.name, outbound.name).status]++;
  return counts;
}
