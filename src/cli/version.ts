// The version --version prints; test/cli.errors.test.ts checks that it equals package.json's.
export const VERSION = '0.1.0';
