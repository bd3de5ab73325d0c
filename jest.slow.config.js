/** The slow suite: what is slow by nature (packing and building, property tests, game-day scenarios). */
const fast = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...fast,
  testMatch: ["**/*.slow.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
};
