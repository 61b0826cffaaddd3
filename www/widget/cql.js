/**
 * CQL in the search box: telling a CQL query from the search syntax, by
 * the engine's rule (src/engine/cql/mod.rs); the engine decides, this
 * module only lets the widget know in advance which module a query needs
 * (CQL needs the statistics module). Where a CQL error is, is
 * query-error.js's. Imports nothing.
 */

/**
 * Whether `query` is CQL rather than the search syntax. Mirrors
 * `looks_like_cql` in src/engine/cql/mod.rs: it starts with `[` or `(`, or
 * with a quoted string (flags such as `%c` belong to it) followed, after any
 * further quoted strings, by one of `[ ( { ? * + |` or the word `within`.
 * `"党建"` alone and `"党建" "工作"` keep their search meaning (a phrase; two
 * phrases), and so does an unclosed quote.
 */
export function looksLikeCql(query) {
  const t = query.trimStart();
  if (t.startsWith("[") || t.startsWith("(")) return true;
  let rest = t;
  let quoted = 0;
  while (rest.startsWith('"')) {
    const close = closingQuote(rest, 1);
    if (close < 0) return false;
    rest = rest.slice(close + 1).trimStart();
    while (rest.startsWith("%")) rest = rest.slice(1).replace(/^[A-Za-z]*/, "").trimStart();
    quoted++;
  }
  return quoted > 0 && (/^[[({?*+|]/.test(rest) || rest === "within" || rest.startsWith("within ") || rest.startsWith("within\t"));
}

/** The index of the quote closing a string whose content starts at `from`, or -1 (a backslash escapes the next character). */
function closingQuote(s, from) {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}
