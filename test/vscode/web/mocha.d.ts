// mocha's browser build: an ES module here (mocha's package is "type": "module"), so its UMD wrapper
// sets globalThis.mocha rather than exporting.
declare module 'mocha/mocha.js' {}

interface BrowserMocha {
  setup(options: { ui: 'tdd'; reporter?: string; timeout?: number; color?: boolean }): void;
  run(done: (failures: number) => void): void;
}
