import stored from './model.json' with { type: 'json' };
import type { Weights } from './perceptron.ts';
import { loadModel, type StoredModel } from './store.ts';

/** The committed person tagger (trained by `npm run train:people`; provenance in README.md beside it). */
let model: Weights | undefined;

/** The committed model, loaded once per process on first use. */
export function personModel(): Weights {
  model ??= loadModel(stored as StoredModel);
  return model;
}
