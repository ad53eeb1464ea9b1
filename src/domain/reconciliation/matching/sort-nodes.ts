/**
 * Orders every line by (amount, date) in linear time: a least-significant-digit radix sort on
 * 16-bit digits, stable, so lines of equal amount and date stay in node order (bank lines first).
 * Amounts are offset by the smallest one so every key is a non-negative integer.
 */
const DIGIT = 65536;

export function sortByAmountThenDay(amount: Float64Array, day: Int32Array): Int32Array {
  const count = amount.length;
  let order = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    order[i] = i;
  }
  if (count < 2) {
    return order;
  }
  let minAmount = Infinity;
  let maxAmount = -Infinity;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < count; i++) {
    const a = amount[i] ?? 0;
    const d = day[i] ?? 0;
    minAmount = Math.min(minAmount, a);
    maxAmount = Math.max(maxAmount, a);
    minDay = Math.min(minDay, d);
    maxDay = Math.max(maxDay, d);
  }
  if (maxAmount - minAmount > Number.MAX_SAFE_INTEGER) {
    // Only amounts near ±2^53 get here; a comparison sort keeps the order exact.
    return order.sort((x, y) => (amount[x] ?? 0) - (amount[y] ?? 0) || (day[x] ?? 0) - (day[y] ?? 0) || x - y);
  }
  let scratch = new Int32Array(count);
  const counts = new Int32Array(DIGIT + 1);
  const digits = new Uint16Array(count);
  // Least significant key first: the day, then the amount, one 16-bit digit at a time.
  const passes: Array<{ of: Float64Array | Int32Array; offset: number; shift: number }> = [];
  for (let shift = 1; shift <= maxDay - minDay; shift *= DIGIT) {
    passes.push({ of: day, offset: minDay, shift });
  }
  for (let shift = 1; shift <= maxAmount - minAmount; shift *= DIGIT) {
    passes.push({ of: amount, offset: minAmount, shift });
  }
  for (const { of, offset, shift } of passes) {
    for (let i = 0; i < count; i++) {
      digits[i] = Math.floor(((of[i] ?? 0) - offset) / shift) % DIGIT;
    }
    counts.fill(0);
    for (let i = 0; i < count; i++) {
      const slot = (digits[order[i] ?? 0] ?? 0) + 1;
      counts[slot] = (counts[slot] ?? 0) + 1;
    }
    for (let k = 0; k < DIGIT; k++) {
      counts[k + 1] = (counts[k + 1] ?? 0) + (counts[k] ?? 0);
    }
    for (let i = 0; i < count; i++) {
      const node = order[i] ?? 0;
      const key = digits[node] ?? 0;
      const at = counts[key] ?? 0;
      scratch[at] = node;
      counts[key] = at + 1;
    }
    [order, scratch] = [scratch, order];
  }
  return order;
}
