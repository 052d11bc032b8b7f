// Starts the TypeScript conversion worker when the engine runs under tsx (the CLI, the benchmark, the tests):
// a worker thread does not inherit tsx's loader. The packaged app starts the bundled risStageWorker.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./risStageWorker.ts');
