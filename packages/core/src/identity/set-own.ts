/**
 * `record[key] = value` as an own enumerable property even for `__proto__`: keys of labels and annotations
 * come from users, and an assignment to `__proto__` would change the prototype instead (and drop the label).
 */
export function setOwn(record: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
