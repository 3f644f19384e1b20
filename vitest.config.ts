import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CDK's CloudFormation validation adds seconds per synth; the assertions check what matters.
    env: { CDK_VALIDATION: 'false' },
  },
});
