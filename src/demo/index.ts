// The demo stack, for `oncall demo`, the end-to-end tests and the benchmark.
export { startDemoStack, scheduleFor, speedFrom, ALL_AT_ONCE, type DemoStack, type DemoStackOptions } from './stack.js';
export { SCENARIOS, SCENARIO_NAMES, BACKGROUND_ALERTS, scenarioByName, type Scenario } from './scenarios.js';
export type { Notification } from './webhook-sink.js';
