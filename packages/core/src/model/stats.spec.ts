import { zeroMemory } from '../encoding/zero-stats.js';
import { swapBytes } from './stats.js';

describe(swapBytes, () => {
  const memory = (usage: bigint, memsw: bigint, raw: [string, bigint][] = []) => ({
    ...zeroMemory(),
    usage: { usage, max: 0n, failcnt: 0n, limit: 0n },
    swap: { usage: memsw, max: 0n, failcnt: 0n, limit: 0n },
    raw: new Map(raw),
  });

  it("takes v1's total_swap when memory.stat has it, whatever the memsw entry says", () => {
    expect(swapBytes(memory(100n, 0n, [['total_swap', 7n]]))).toBe(7n);
  });

  it('is mem+swap minus memory without total_swap (v2), never below 0', () => {
    expect(swapBytes(memory(100n, 130n))).toBe(30n);
    expect(swapBytes(memory(100n, 90n))).toBe(0n);
  });
});
