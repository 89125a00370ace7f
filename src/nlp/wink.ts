import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Nlp = ReturnType<typeof winkNLP>;
interface Lexeme {
  hash: Record<string, number>;
  list: string[];
}

/**
 * wink-nlp learns every unknown word it reads into its lexicon, and its tokenizer consults that
 * lexicon: once one article has made "Poor's" a word, later ones no longer split it into "Poor" + "'s".
 * So that every document is read alike — analysis is then pure: the same article gives the same
 * sentences and terms whatever the process read before — the words learnt from the previous document
 * are forgotten before each `readDoc`. Their entries stay (earlier documents still point at them), so
 * the instance is replaced once RENEW_AFTER of them have piled up.
 */
const RENEW_AFTER = 200_000;

function create(): { nlp: Nlp; lexeme: Lexeme; base: number } {
  let core: { features: { lexeme: Lexeme } } | undefined;
  const base = model as unknown as { core: () => typeof core };
  const tapped = Object.assign(Object.create(null), model, {
    core: () => {
      core = base.core();
      return core;
    },
  });
  const nlp = winkNLP(tapped as typeof model);
  if (!core) throw new Error('wink-nlp did not load its core model');
  return { nlp, lexeme: core.features.lexeme, base: core.features.lexeme.list.length };
}

let current = create();
let clean = current.base;

function readDoc(text: string): ReturnType<Nlp['readDoc']> {
  if (current.lexeme.list.length - current.base > RENEW_AFTER) {
    current = create();
    clean = current.base;
  }
  const { hash, list } = current.lexeme;
  for (let i = clean; i < list.length; i++) if (hash[list[i]!] === i) delete hash[list[i]!];
  clean = list.length;
  return current.nlp.readDoc(text);
}

/** The one wink-nlp of the process (loading the model takes ~100 ms); `readDoc` reads every document alike. */
export const nlp: Nlp = Object.assign(Object.create(current.nlp) as Nlp, { readDoc });
export const its = nlp.its;
/** wink's Porter-2 stemmer, usable on any word. */
export const stem: (word: string) => string = (model as unknown as { addons: { stem: (w: string) => string } }).addons.stem;
/** `its.lemma`, typed as wink's other token helpers (its published typing differs). */
export const lemmaOf = its.lemma as unknown as typeof its.value;
