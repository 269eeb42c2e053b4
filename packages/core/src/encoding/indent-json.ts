/**
 * Re-indents compact JSON the way `jq .` shows it: two spaces per level, `"key": value`, and empty
 * objects/arrays kept as `{}`/`[]`. Only whitespace is added, so values stay byte-exact. Input must be
 * compact JSON (what the encoders write): whitespace outside strings is not expected.
 */
export function indentJson(compact: string, unit = '  '): string {
  let out = '';
  let depth = 0;
  let start = 0;
  const n = compact.length;
  for (let i = 0; i < n; i++) {
    const c = compact.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, honouring backslash escapes.
      for (i++; i < n; i++) {
        const d = compact.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      continue;
    }
    let insert: string | undefined;
    if (c === 0x7b || c === 0x5b) {
      const next = compact.charCodeAt(i + 1);
      if (next === 0x7d || next === 0x5d) {
        i++; // `{}` / `[]` stay on one line
        continue;
      }
      depth++;
      insert = compact[i] + '\n' + unit.repeat(depth);
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      insert = '\n' + unit.repeat(depth) + compact[i];
    } else if (c === 0x2c) insert = ',\n' + unit.repeat(depth);
    else if (c === 0x3a) insert = ': ';
    if (insert === undefined) continue;
    out += compact.slice(start, i) + insert;
    start = i + 1;
  }
  return out + compact.slice(start);
}
