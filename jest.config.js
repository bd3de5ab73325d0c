/** @type {import('jest').Config} */
module.exports = {
  // jest's node environment, with the Pulumi SDKs loaded once per worker (tests/jest/shared-environment.js).
  testEnvironment: "<rootDir>/tests/jest/shared-environment.js",
  runtime: "<rootDir>/tests/jest/shared-runtime.js",
  roots: ["<rootDir>/tests", "<rootDir>/policies", "<rootDir>/packages"],
  testMatch: ["**/*.test.ts"],
  // The slow suite (`npm run test:slow`, jest.slow.config.js) holds what is slow by nature.
  testPathIgnorePatterns: ["/node_modules/", "\\.slow\\.test\\.ts$"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // Pulumi's runtime keeps gRPC handles alive; each file gets its own module registry anyway.
  testTimeout: 60000,
  // jest defaults to cores - 1 workers: one on a 2-core machine. The suites are CPU-bound and independent.
  maxWorkers: "100%",
};
