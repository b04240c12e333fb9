/**
 * A formula as office staff read it: metric keys replaced by their Chinese names, everything else
 * exactly as written (the compiler accepts either, so the shown text is still a valid formula).
 */
import { tokenize } from './expression.tokenizer';

const SIMPLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export function expressionWithLabels(source: string, labelOf: (key: string) => string | undefined): string {
  let tokens;
  try {
    tokens = tokenize(source);
  } catch {
    return source; // An unfinished formula is shown as typed; the editor explains the error.
  }
  let out = '';
  let at = 0;
  for (const [i, t] of tokens.entries()) {
    if (t.kind !== 'name' || tokens[i + 1]?.kind === 'lparen') continue; // function names stay
    const label = labelOf(t.text);
    if (!label || label === t.text) continue;
    out += source.slice(at, t.pos) + (SIMPLE_NAME.test(label) ? label : `[${label}]`);
    at = t.pos + t.length;
  }
  return out + source.slice(at);
}
