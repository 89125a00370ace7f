// Entry point of an analysis worker thread (see pool.ts). Plain JavaScript so that Node can start it
// without a TypeScript loader; it registers tsx in this thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./analyze-worker.ts');
