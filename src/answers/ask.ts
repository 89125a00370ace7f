import { searchTerms } from '../index/search.ts';
import type { CorpusIndex } from '../index/types.ts';
import { LIMITS } from '../limits.ts';
import { PARTICLES } from '../nlp/gazetteer.ts';
import { queryTerms } from '../nlp/terms.ts';
import { answerCasualties } from './casualties.ts';
import { quoteItems } from './search.ts';
import { timelineItem, timelinePositions } from './timeline.ts';
import type { Answer, TimelineItem } from './types.ts';
import { answerWho } from './who.ts';

/** How a plain question is answered, read from its form. */
export type Route =
  /** "Who is/was X" where X reads as a name: the person, if the corpus knows them. */
  | { kind: 'who'; name: string }
  /** "How many … died/killed/wounded …": the tolls, narrowed by the rest of the question. */
  | { kind: 'tolls'; filter: string }
  /** "When did/was …": dated sentences, best matches first. */
  | { kind: 'when'; words: string }
  /** "What did X say about Y": X's sentences, those about Y first. */
  | { kind: 'said'; speaker: string; topic: string }
  /** Anything else: ranked search on the question's content words. */
  | { kind: 'search'; words: string };

const AUX = "(?:is|are|was|were|am|be|been|do|does|did|has|have|had|will|would|can|could|should|shall|may|might|'s)";
/** Polite or conversational openings that carry no content. */
const OPENING = /^(?:(?:please|so|and|ok(?:ay)?|hey|hi)[\s,]+)*(?:(?:can|could|would) you (?:please )?(?:tell me|say|explain)|(?:do|does) (?:you|anyone) know|tell me|i (?:want|would like) to know|i wonder)[\s,]*/i;
const WHO = new RegExp(String.raw`^(?:who|whom)(?:\s+${AUX}|['’]s)\s+(.+)$`, 'i');
const WHO_VERB = /^who\s+(.+)$/i;
const HOW_MANY = /^how\s+many\b\s*(.*)$/i;
/** Words that make a how-many question a question about a toll. */
const TOLL_WORD = /\b(?:died|die|dies|dead|deaths?|killed|kill|killing|wounded|wounds?|injured|injuries|hurt|casualties|victims|perished|lives)\b/i;
const WHEN = new RegExp(String.raw`^when\s+(?:${AUX}\s+)?(.+)$`, 'i');
const SAID = new RegExp(
  String.raw`^what\s+(?:${AUX}\s+)?(.+?)\s+(?:say|said|says|tell|told|think|thinks|thought|claim|claimed|believe|believes|announce|announced)\b\s*(?:about|of|on|regarding|concerning|to)?\s*(.*)$`,
  'i',
);
/** A question's opening that says what kind of answer is wanted, not what it is about. */
const FRAME = new RegExp(String.raw`^(?:what|which|where|why|how(?:\s+(?:many|much|long|often|far))?|who|whom|whose)\b(?:\s+(?:kind|sort) of)?(?:\s+${AUX})?\s*`, 'i');
/** Question filler that would drown the ranking: every sentence "happened", "is known", … */
const FILLER = /\b(?:happen(?:ed|s|ing)?|tell|told|know|known|exactly|actually|please|anything|something|news|articles?)\b/gi;
/** Toll words and who the toll counts, dropped from a toll filter: the tolls already are about them. */
const TOLL_FILTER_NOISE = new RegExp(
  `${TOLL_WORD.source}|\\b(?:people|persons|were|was|have|has|had|been|being|got|get|did|do|does|are|is|in total|total|so far|altogether|reportedly)\\b`,
  'gi',
);

/** A capitalised name word, perhaps after a particle and a hyphen ("al-Assad"). */
const CAPITALISED_NAME_WORD = /^(?:(?:al|el|bin|ibn|abu)-)?\p{Lu}[\p{L}\p{M}'’.-]*$/u;
/**
 * Name words: capitalised, or a particle inside a name — the people extractor's own list ("Bashar al
 * Assad", "Ursula von der Leyen", "Fernando dos Santos"), and the Spanish "y" ("Ortega y Gasset").
 */
const isNameWord = (w: string) => CAPITALISED_NAME_WORD.test(w) || PARTICLES.has(w) || w === 'y';
const looksLikeName = (s: string) => {
  const words = s.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 5 && words.every(isNameWord) && /^\p{Lu}/u.test(words[0]!);
};

/** Reads the form of a plain question. Exported for tests: the route is what the question asks for. */
export function routeQuestion(question: string): Route {
  const q = question
    .trim()
    .replace(/[?!.\s]+$/, '')
    .replace(OPENING, '')
    .trim();
  let m = SAID.exec(q);
  if (m) return { kind: 'said', speaker: m[1]!.trim(), topic: m[2]!.trim() };
  m = HOW_MANY.exec(q);
  if (m && TOLL_WORD.test(m[1]!)) return { kind: 'tolls', filter: tidyWords(m[1]!.replace(TOLL_FILTER_NOISE, ' ')) };
  m = WHEN.exec(q);
  if (m) return { kind: 'when', words: m[1]!.trim() };
  m = WHO.exec(q);
  if (m) {
    const rest = m[1]!.replace(/^(?:the person called|someone called|a man called|a woman called)\s+/i, '').trim();
    return looksLikeName(rest) ? { kind: 'who', name: rest } : { kind: 'search', words: rest };
  }
  m = WHO_VERB.exec(q);
  if (m) return { kind: 'search', words: m[1]!.trim() };
  return { kind: 'search', words: q.replace(FRAME, '').trim() || q };
}

const tidyWords = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Content terms of question words: normalised as sentences are, filler dropped. */
const contentTerms = (words: string) => queryTerms(words.replace(FILLER, ' '));

/**
 * A plain question (DMs, console, /ask): routed by its form — who → people, how many killed/died →
 * tolls, when → dated sentences, what did X say → X's sentences — and ranked search otherwise. The
 * question's own words (interrogatives, auxiliaries, "say about") are stripped before searching.
 * Answers with the best few quotes, best first.
 */
export function answerAsk(index: CorpusIndex, question: string): Answer {
  const route = routeQuestion(question);
  const done = (items: Answer['items'], message?: string): Answer => {
    const answer = { command: 'ask', query: question, items: items.slice(0, LIMITS.askItems) } as Answer;
    if (message) answer.message = message;
    else if (answer.items.length === 0) answer.message = `No sentence in the articles answers “${question}”.`;
    return answer;
  };

  switch (route.kind) {
    case 'who': {
      const who = answerWho(index, route.name, { suggest: false });
      if (who.items.length) return done(who.items, who.message);
      return done(search(index, route.name));
    }
    case 'tolls': {
      const tolls = answerCasualties(index, route.filter);
      if (tolls.items.length) return done(tolls.items);
      // No toll known for it: sentences that speak of the dead or wounded and of what was asked about.
      const about = contentTerms(route.filter);
      const toll = new Set(TOLL_TERMS());
      const filter = (id: number) => {
        const have = termsOf(index, id);
        return have.some((t) => toll.has(t)) && (about.length === 0 || about.some((t) => have.includes(t)));
      };
      return done(search(index, '', [...about, ...toll], filter));
    }
    case 'when': {
      const items = dated(index, route.words);
      return done(items.length ? items : search(index, route.words));
    }
    case 'said': {
      const speaker = contentTerms(route.speaker);
      const topic = contentTerms(route.topic);
      const items = search(index, '', [...speaker, ...topic], (id) => speaker.length > 0 && speaker.every((t) => termsOf(index, id).includes(t)));
      if (items.length) return done(items);
      const who = answerWho(index, route.speaker, { suggest: false });
      if (who.items.length) return done(who.items, who.message);
      return done(search(index, `${route.speaker} ${route.topic}`));
    }
    case 'search':
      return done(search(index, route.words));
  }
}

/** Ranked quotes for the content words (or for `terms`, when given), among the sentences `filter` keeps. */
function search(index: CorpusIndex, words: string, terms: string[] = contentTerms(words), filter?: (id: number) => boolean) {
  if (!terms.length) return [];
  return quoteItems(
    index,
    searchTerms(index.search, terms, filter).map((r) => r.id as number),
    LIMITS.askItems,
  );
}

const termsOf = (index: CorpusIndex, id: number): string[] => index.sentences[id]?.terms.split(' ') ?? [];

/** The normalised terms of death and injury words (computed once, with the same analysis as sentences). */
let tollTerms: string[] | undefined;
const TOLL_TERMS = () => {
  tollTerms ??= queryTerms('killed died dead deaths wounded injured');
  return tollTerms;
};

/** Dated sentences matching the words, best match first, each with its date. */
function dated(index: CorpusIndex, words: string): TimelineItem[] {
  const terms = contentTerms(words);
  if (!terms.length) return [];
  const at = timelinePositions(index);
  const items: TimelineItem[] = [];
  const seen = new Set<number>();
  for (const r of searchTerms(index.search, terms, (id) => at.has(id))) {
    const pos = at.get(r.id as number)!;
    if (seen.has(pos)) continue;
    seen.add(pos);
    items.push(timelineItem(index, index.derived.timeline[pos]!));
    if (items.length >= LIMITS.askItems) break;
  }
  return items;
}
