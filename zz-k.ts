import { createDedupeKeyer } from './src/domain/reconciliation/dedupe';
import { newId } from './src/server/ids';
const k = createDedupeKeyer();
let t0 = performance.now();
for (let i = 0; i < 100000; i++) k.keyOf({ date: '2025-03-01', amountMinor: i, description: `Payment to vendor ${i % 5000} inv ${i}`, bankId: null });
console.log('keyer ms', performance.now() - t0);
t0 = performance.now();
for (let i = 0; i < 100000; i++) newId();
console.log('newId ms', performance.now() - t0);
