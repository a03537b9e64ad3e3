import type { DemoSeeder } from './demo.seed.ts';

/**
 * Each module's demo data, in the order they run (later modules build on earlier ones' records).
 * A module adds one line here.
 */
export const moduleSeeders: readonly DemoSeeder[] = [];
