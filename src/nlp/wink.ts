import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** The one wink-nlp instance of the process (loading the model takes ~100 ms). */
export const nlp = winkNLP(model);
export const its = nlp.its;
/** wink's Porter-2 stemmer, usable on any word. */
export const stem: (word: string) => string = (model as unknown as { addons: { stem: (w: string) => string } }).addons.stem;
/** `its.lemma`, typed as wink's other token helpers (its published typing differs). */
export const lemmaOf = its.lemma as unknown as typeof its.value;
