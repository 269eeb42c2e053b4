import fc from 'fast-check';

/** uint64 values where encoders and parsers break: word sizes, float precision, int64 edges. */
export const COUNTER_BOUNDARIES: readonly bigint[] = [
  0n,
  1n,
  2n ** 32n - 1n,
  2n ** 32n,
  2n ** 53n - 1n,
  2n ** 53n,
  2n ** 53n + 1n,
  2n ** 63n - 1n,
  2n ** 63n,
  2n ** 63n + 1n,
  9223372036854771712n, // v1 "unlimited": LONG_MAX rounded down to a 4 KiB page
  2n ** 64n - 2n,
  2n ** 64n - 1n,
];

/** int64 values where signed arithmetic and float64 conversions break. */
export const INT64_BOUNDARIES: readonly bigint[] = [
  0n,
  1n,
  -1n,
  2n ** 31n - 1n,
  -(2n ** 31n),
  2n ** 53n - 1n,
  2n ** 53n,
  2n ** 53n + 1n,
  -(2n ** 53n) + 1n,
  -(2n ** 53n),
  -(2n ** 53n) - 1n,
  2n ** 63n - 1n,
  -(2n ** 63n),
  -(2n ** 63n) + 1n,
];

/** A uint64 counter over the full range, biased to boundaries, zero and small values. */
export function counterArbitrary(): fc.Arbitrary<bigint> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...COUNTER_BOUNDARIES), weight: 3 },
    { arbitrary: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), weight: 3 },
    { arbitrary: fc.bigInt({ min: 0n, max: 100_000n }), weight: 2 },
  );
}

/** An int64 (cpuset sched_relax_domain_level). */
export function int64Arbitrary(): fc.Arbitrary<bigint> {
  return fc.oneof(fc.constantFrom(...INT64_BOUNDARIES), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
}

/** A list of counters (percpu); empty lists included. */
export function counterListArbitrary(): fc.Arbitrary<bigint[]> {
  return fc.array(counterArbitrary());
}
