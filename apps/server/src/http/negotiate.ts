/**
 * Picks the offer the client prefers from an `Accept` header (media ranges with q-values, `*` wildcards).
 * Returns `undefined` when the client accepts none of them; an absent header accepts the first offer.
 */
export function negotiate<T extends string>(accept: string | undefined, offers: readonly T[]): T | undefined {
  if (accept === undefined || accept.trim() === '') return offers[0];
  let best: { offer: T; q: number; specificity: number } | undefined;
  for (const part of accept.split(',').slice(0, 32)) {
    const [rangeRaw = '', ...params] = part.split(';');
    const range = rangeRaw.trim().toLowerCase();
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split('=').map((s) => s.trim());
      if (key === 'q' && value !== undefined) q = Number.parseFloat(value);
    }
    if (!(q > 0)) continue;
    const [type, subtype] = range.split('/');
    for (const offer of offers) {
      const [offerType, offerSubtype] = offer.split('/');
      const specificity = type === '*' ? 0 : subtype === '*' ? 1 : 2;
      const matches = specificity === 0 || (type === offerType && (specificity === 1 || subtype === offerSubtype));
      if (!matches) continue;
      // Higher q wins; on a tie a more specific range wins; then the server's order of offers.
      if (best === undefined || q > best.q || (q === best.q && specificity > best.specificity)) {
        best = { offer, q, specificity };
      }
    }
  }
  return best?.offer;
}
